package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Every way a household's ID numbers and bank account leave the system, for every role and the public: data entry
 * and reviewers of the household's county see them whole; auditors, administrators and analysts (where they may read
 * at all) see ID numbers to their first 6 and last 4 characters and the bank account to its last 4; the public lists
 * show every reader the ID number masked and never a bank account. One household of Chenggong (530114) in its first
 * publicity serves every way out; it is committed, because exports stream from another thread.
 */
@JingzhunTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HouseholdDisclosureTest {

    static final String COUNTY = "530114";
    static final String VILLAGE = "530114001001";
    static final int YEAR = 2015;
    static final String BANK_ACCOUNT = "6228480012345678";
    static final Set<Role> READERS = EnumSet.of(Role.DATA_ENTRY, Role.REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR);

    /** What a reader sees of the numbers. */
    enum Seen { WHOLE, MASKED, PUBLIC, REFUSED }

    /** A way out: how to ask for the household, who may ask, and whether it carries the bank account. */
    record Way(String name, Function<Sample, MockHttpServletRequestBuilder> request, Set<Role> readers, boolean bank,
               boolean open, boolean workbook) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The household, its application and round. */
    record Sample(long household, long application, long round) {
    }

    static final List<Way> WAYS = List.of(
            way("household API", s -> get("/api/v1/households/" + s.household()), READERS, true),
            way("household list API", s -> get("/api/v1/households").param("area", VILLAGE), READERS, false),
            way("household page", s -> get("/households/" + s.household()), READERS, true),
            way("household list page", s -> get("/households").param("area", VILLAGE), READERS, false),
            way("handbook", s -> get("/households/" + s.household() + "/handbook"), READERS, true),
            way("CSV export", s -> get("/api/v1/households/export").param("format", "csv").param("area", VILLAGE), READERS, true),
            new Way("XLSX export", s -> get("/api/v1/households/export").param("format", "xlsx").param("area", VILLAGE),
                    READERS, true, false, true),
            way("audit trail API", s -> get("/api/v1/audit").param("entity", "household")
                    .param("entityId", Long.toString(s.household())), EnumSet.of(Role.AUDITOR, Role.ADMINISTRATOR), true),
            way("audit trail page", s -> get("/audit").param("entity", "household")
                    .param("entityId", Long.toString(s.household())), EnumSet.of(Role.AUDITOR, Role.ADMINISTRATOR), true),
            way("application API", s -> get("/api/v1/identification/applications/" + s.application()), READERS, false),
            way("round's applications API", s -> get("/api/v1/identification/rounds/" + s.round() + "/applications"),
                    READERS, false),
            way("application page", s -> get("/identification/applications/" + s.application()), READERS, false),
            way("round page", s -> get("/identification/rounds/" + s.round()), READERS, false),
            way("apply page", s -> get("/identification/rounds/" + s.round() + "/apply").param("village", VILLAGE),
                    READERS, false),
            new Way("public notices API", s -> get("/api/v1/public/notices").param("area", VILLAGE), Set.of(), false, true, false),
            new Way("public page", s -> get("/public/identification").param("area", VILLAGE), Set.of(), false, true, false));

    static Way way(String name, Function<Sample, MockHttpServletRequestBuilder> request, Set<Role> readers, boolean bank) {
        return new Way(name, request, readers, bank, false, false);
    }

    static MockHttpServletRequestBuilder get(String path) {
        return MockMvcRequestBuilders.get(path);
    }

    /** Every role (alone, bound to the county) and the public (null), on every way out. */
    static Stream<Arguments> rolesAndWays() {
        List<Role> roles = new ArrayList<>(Arrays.asList(Role.values()));
        roles.add(null);
        return roles.stream().flatMap(role -> WAYS.stream().map(way -> Arguments.of(role == null ? "PUBLIC" : role.name(), way)));
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    Households households;
    @Autowired
    HouseholdIdentification identification;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    java.time.Clock clock;

    String idNumber;
    Sample sample;

    @BeforeAll
    void householdInPublicity() {
        idNumber = TestPeople.newIdNumber(jdbc, COUNTY, true);
        Caller clerk = TestCallers.of("chenggong-clerk", EnumSet.of(Role.DATA_ENTRY), VILLAGE.substring(0, 9));
        Caller reviewer = TestCallers.of("chenggong-reviewer", EnumSet.of(Role.REVIEWER), COUNTY);
        TestCallers.signIn(clerk);
        Household household = households.create(new HouseholdForm(VILLAGE, null, null, null, "GENERAL", "ILLNESS", List.of(),
                null, null, null, BANK_ACCOUNT, null, Map.of(YEAR, new BigDecimal("1500")),
                List.of(new HouseholdForm.MemberForm("户主" + idNumber.substring(14), idNumber, "HEAD", null, null, null, null,
                        null, null, null, null, null, null, null))), "record creation");
        TestCallers.signIn(reviewer);
        Round round = identification.rounds(COUNTY).stream().filter(r -> r.year() == YEAR).findFirst()
                .orElseGet(() -> identification.openRound(new Round.Form(COUNTY, YEAR, 7, null, null)));
        TestCallers.signIn(clerk);
        identification.apply(round.id(), List.of(household.id()), Application.Proposer.VILLAGE, null);
        long application = identification.applications(new HouseholdIdentification.Query(round.id(), VILLAGE, null, 0, 200))
                .applications().stream().filter(a -> a.householdId() == household.id()).findFirst().orElseThrow().id();
        LocalDate today = LocalDate.now(clock);
        identification.step(new StepRequest(Step.APPRAISE, List.of(application), true, null, null, null,
                new StepRequest.Appraisal(today, 21, 18, 3), null));
        identification.step(new StepRequest(Step.VERIFY, List.of(application), true, null, null, null, null, null));
        identification.step(new StepRequest(Step.FIRST_PUBLICITY, List.of(application), null, null, null, null, null, null));
        TestCallers.signOut();
        sample = new Sample(household.id(), application, round.id());
    }

    @AfterAll
    void signOut() {
        TestCallers.signOut();
    }

    @ParameterizedTest(name = "{1} read by {0}")
    @MethodSource("rolesAndWays")
    void eachRoleSeesTheNumbersAsTheRuleSays(String role, Way way) throws Exception {
        Role held = role.equals("PUBLIC") ? null : Role.valueOf(role);
        MockHttpServletRequestBuilder request = way.request().apply(sample);
        if (held != null) {
            request.with(TestCallers.as(TestCallers.of("disclosure-" + role, EnumSet.of(held), COUNTY)));
        }
        MvcResult result = mvc.perform(request).andReturn();
        if (result.getRequest().isAsyncStarted()) { // a streamed download
            result = mvc.perform(MockMvcRequestBuilders.asyncDispatch(result)).andReturn();
        }
        MockHttpServletResponse response = result.getResponse();
        String body = text(response, way);
        String maskedId = idNumber.substring(0, 6) + "********" + idNumber.substring(14);
        String maskedBank = "****" + BANK_ACCOUNT.substring(BANK_ACCOUNT.length() - 4);
        Seen expected = way.open() ? Seen.PUBLIC
                : held == null || !way.readers().contains(held) ? Seen.REFUSED
                : held == Role.DATA_ENTRY || held == Role.REVIEWER ? Seen.WHOLE : Seen.MASKED;

        assertThat(response.getStatus()).as("status").isEqualTo(expected == Seen.REFUSED ? refusal(held, way) : 200);
        switch (expected) {
            case WHOLE -> {
                assertThat(body).contains(idNumber);
                if (way.bank()) {
                    assertThat(body).contains(BANK_ACCOUNT);
                }
            }
            case MASKED -> {
                assertThat(body).doesNotContain(idNumber, BANK_ACCOUNT).contains(maskedId);
                if (way.bank()) {
                    assertThat(body).contains(maskedBank);
                }
            }
            case PUBLIC -> assertThat(body).doesNotContain(idNumber, BANK_ACCOUNT, maskedBank, BANK_ACCOUNT.substring(12))
                    .contains(maskedId);
            case REFUSED -> assertThat(body).doesNotContain(idNumber, BANK_ACCOUNT, maskedId, maskedBank);
        }
    }

    /** The public is asked to sign in (401 from the API, the sign-in page otherwise); a role without the right is refused. */
    private static int refusal(Role held, Way way) {
        if (held != null) {
            return 403;
        }
        return way.request().apply(new Sample(0, 0, 0)).buildRequest(new org.springframework.mock.web.MockServletContext())
                .getRequestURI().startsWith("/api/") ? 401 : 302;
    }

    /** The response as text; a workbook's cells joined. */
    private static String text(MockHttpServletResponse response, Way way) {
        try {
            if (!way.workbook() || response.getStatus() != 200) {
                return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            }
            StringBuilder text = new StringBuilder();
            try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
                workbook.getSheets().forEach(sheet -> {
                    try (var rows = sheet.openStream()) {
                        rows.forEach(row -> row.forEach(cell -> text.append(cell == null ? "" : cell.getText()).append('\t')));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
