package org.jingzhun;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jingzhun.account.Accounts;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Objection;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.ProvinceAverages;
import org.jingzhun.identification.Publicity;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.VillageIdentification;
import org.jingzhun.interchange.HouseholdImports;
import org.jingzhun.interchange.ImportJob;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdForm;
import org.jingzhun.registry.Households;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One registry of things of ANOTHER county (Dongchuan, 530113) and another province (Qinghai, 63) than the
 * caller's (Panlong, 530103), one for each kind of id or area an endpoint takes in its path or parameters, so that
 * tests can try every endpoint on them. A path variable's kind is told by the segment before it
 * ({@code households/{id}}), a parameter's by its name (or, where one name means different things, by endpoint
 * and name). Every name an endpoint takes must be known here, as an area-bound kind with a sample or as a plain
 * value: an unknown one is reported, so that a new endpoint cannot slip past the scope tests. The things are
 * made once per test JVM and committed (tests that use them only read, or are refused), each with text that must
 * never show to the other county's users ({@link #secrets()}).
 */
public final class ScopeSamples {

    /** The county of the caller who tries. */
    public static final String OWN_COUNTY = "530103";
    /** A county of the same province whose things the caller must not reach. */
    public static final String OTHER_COUNTY = "530113";
    /** A province the caller must not reach. */
    public static final String OTHER_PROVINCE = "63";
    /** The year of the samples' round and assessment. */
    public static final int YEAR = 2016;

    private static ScopeSamples made;

    /**
     * A value for an endpoint's input: of another county or province when {@code scoped}, else a plain value, given
     * only where the endpoint needs it unless it is {@code always} given (the year, which decides what is shown).
     */
    public record Input(String value, boolean scoped, boolean always) {
        Input(String value, boolean scoped) {
            this(value, scoped, scoped);
        }
    }

    /** The sample household's own household number: as unique as its head's ID number. */
    private static String reference(String idNumber) {
        return "REF-" + idNumber;
    }

    private final Map<String, String> pathKinds = new LinkedHashMap<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final Map<String, Input> parameters = new LinkedHashMap<>();
    private final List<String> secrets;
    private final Map<String, Long> ids;

    private ScopeSamples(Map<String, Long> ids, String village, String otherProvinceVillage, String idNumber,
                         String login, List<String> secrets) {
        this.ids = Map.copyOf(ids);
        this.secrets = List.copyOf(secrets);
        // Path variables, by the segment before them.
        pathKinds.put("households/{id}", id("household"));
        pathKinds.put("rounds/{id}", id("round"));
        pathKinds.put("applications/{id}", id("application"));
        pathKinds.put("cases/{id}", id("application")); // a case of the procedure HOUSEHOLD: the application's id
        pathKinds.put("village-cases/{id}", id("villageCase"));
        pathKinds.put("objections/{id}", id("objection"));
        pathKinds.put("attachments/{id}", id("attachment"));
        pathKinds.put("imports/{id}", id("importJob"));
        pathKinds.put("jobs/{id}", id("importJob")); // the import is a job of the same id
        pathKinds.put("users/{id}", id("user"));
        pathKinds.put("tokens/{id}", id("token"));
        pathKinds.put("counties/{code}", OTHER_COUNTY);
        pathKinds.put("villages/{code}", village);
        pathKinds.put("provinces/{code}", OTHER_PROVINCE);
        // Area-bound parameters.
        scoped("area", OTHER_COUNTY);
        scoped("areaCodes", OTHER_COUNTY);
        scoped("countyCode", OTHER_COUNTY);
        scoped("village", village);
        scoped("villageCode", village);
        scoped("villageCodes", village);
        scoped("/identification/villages/cases?villageCodes", otherProvinceVillage);
        scoped("province", OTHER_PROVINCE);
        scoped("provinceCode", OTHER_PROVINCE);
        scoped("householdIds", id("household"));
        scoped("ids", id("application"));
        scoped("/identification/villages/steps?ids", id("villageCase"));
        scoped("subjectId", id("application"));
        scoped("idNumber", idNumber);
        scoped("externalRef", reference(idNumber));
        scoped("entityId", id("household"));
        scoped("user", login);
        // Plain values, given only where an endpoint needs them.
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("year", Integer.toString(YEAR));
        for (String zero : List.of("page", "version", "incomeMin", "collectiveIncome", "votesAgainst", "quotaHouseholds",
                "quotaPeople")) {
            plain.put(zero, "0");
        }
        for (String one : List.of("size", "limit", "incomeMax", "perCapitaIncome", "ruralResidents", "amount", "seed",
                "participants", "votesFor", "povertyRatePercent")) {
            plain.put(one, "1");
        }
        for (String text : List.of("name", "reason", "note", "q", "text", "exception", "decision", "password",
                "newPassword", "currentPassword", "login", "contact", "website", "value", "back", "subject", "scale", "challenge",
                "nonce", "hotline")) {
            plain.put(text, "scope");
        }
        for (String flag : List.of("replace", "enabled", "candidatesOnly", "approved", "upheld", "poor", "nationalKey",
                "provincialKey")) {
            plain.put(flag, "false");
        }
        plain.put("publicityDays", "7");
        plain.put("incomeYear", Integer.toString(YEAR));
        plain.put("stage", "APPLIED");
        plain.put("status", "REGISTERED");
        plain.put("to", "EXITED");
        plain.put("language", "en");
        plain.put("format", "csv");
        plain.put("cause", "ILLNESS");
        plain.put("step", "APPRAISE");
        plain.put("roles", "DATA_ENTRY");
        plain.put("mode", "VALID_ROWS");
        plain.put("charset", "AUTO");
        plain.put("entity", "household");
        plain.put("attribute", "POOR");
        plain.put("region", "WEST");
        plain.put("destituteArea", "");
        plain.put("method", "ENTERED");
        plain.put("proposedBy", "VILLAGE");
        plain.put("procedure", "HOUSEHOLD");
        plain.put("filter", "ALL");
        plain.put("announcement", "false");
        plain.put("date", LocalDate.now().toString());
        plain.put("from", LocalDate.now().toString());
        plain.put("day", LocalDate.now().toString());
        plain.put("filedOn", LocalDate.now().toString());
        plain.put("decidedOn", LocalDate.now().toString());
        plain.put("averagesArea", "");
        plain.put("meetingDate", LocalDate.now().toString());
        plain.put("file", "");
        plain.put("attachment", "");
        plain.put("sort", "newest");
        plain.forEach((name, value) -> parameters.put(name, new Input(value, false)));
        parameters.put("year", new Input(Integer.toString(YEAR), false, true));
        // Bodies that pass the checks of their own, so that only the scope can refuse them ("{}" for the others).
        bodies.put("POST /api/v1/identification/objections/{id}/decision", "{\"upheld\": false, \"decision\": \"scope\"}");
        bodies.put("PUT /api/v1/identification/villages/{code}/figures",
                "{\"year\": " + YEAR + ", \"ruralResidents\": 100, \"perCapitaIncome\": 3000, \"collectiveIncome\": 0}");
        bodies.put("PUT /api/v1/identification/provinces/{code}/averages", "{\"year\": " + YEAR + ", \"method\": \"COMPUTED\"}");
        // A household's members (issue 16): bodies naming the other county's household and person, which its checks accept.
        String today = LocalDate.now().toString();
        bodies.put("POST /api/v1/households/{id}/departures",
                "{\"idNumber\": \"" + idNumber + "\", \"day\": \"" + today + "\", \"reason\": \"MOVED_AWAY\"}");
        bodies.put("POST /api/v1/households/{id}/split", "{\"idNumbers\": [\"" + idNumber + "\"], \"head\": \"" + idNumber
                + "\", \"day\": \"" + today + "\"}");
        bodies.put("POST /api/v1/households/{id}/merge", "{\"into\": " + id("household") + ", \"day\": \"" + today + "\"}");
        bodies.put("POST /api/v1/households/{id}/move", "{\"villageCode\": \"" + village + "\"}");
    }

    /** A JSON body for the endpoint that its own checks accept, or an empty object. */
    public String body(String method, String pattern) {
        return bodies.getOrDefault(method + " " + pattern, "{}");
    }

    private void scoped(String name, String value) {
        parameters.put(name, new Input(value, true));
    }

    private String id(String kind) {
        return Long.toString(ids.get(kind));
    }

    /** The samples, made on the first call in this JVM. */
    public static synchronized ScopeSamples of(ApplicationContext context) {
        if (made == null) {
            made = make(context);
        }
        return made;
    }

    /** The caller that tries: every role, bound to {@link #OWN_COUNTY}. */
    public static Caller ownCountyCaller() {
        return new Caller(-1, "panlong-everyone", EnumSet.allOf(Role.class), Set.of(OWN_COUNTY));
    }

    /** The sample for a path variable of the pattern, by the segment before it; empty for a kind not known here. */
    public Optional<Input> pathVariable(String pattern, String name) {
        if (name.equals("year")) {
            return Optional.of(new Input(Integer.toString(YEAR), false));
        }
        String variable = "{" + name + "}";
        int at = pattern.indexOf(variable);
        if (at < 0) {
            return Optional.empty();
        }
        String before = pattern.substring(0, at);
        String segment = before.endsWith("/") ? before.substring(before.lastIndexOf('/', before.length() - 2) + 1) : "";
        if (segment.equals("areas/")) {
            return Optional.of(new Input(OTHER_COUNTY, false)); // the divisions are open reference data
        }
        return Optional.ofNullable(pathKinds.get(segment + variable)).map(value -> new Input(value, true));
    }

    /** The value for a request parameter of the pattern; empty for a name not known here. */
    public Optional<Input> parameter(String pattern, String name) {
        Input specific = parameters.get(pattern + "?" + name);
        return Optional.ofNullable(specific != null ? specific : parameters.get(name));
    }

    /** Texts of the samples that must never show to a user of another county. */
    public List<String> secrets() {
        return secrets;
    }

    /** The id of a sample of a kind (household, round, application, villageCase, objection, attachment, importJob, user, token). */
    public long idOf(String kind) {
        return ids.get(kind);
    }

    private static ScopeSamples make(ApplicationContext context) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Households households = context.getBean(Households.class);
        HouseholdIdentification identification = context.getBean(HouseholdIdentification.class);
        VillageIdentification villageIdentification = context.getBean(VillageIdentification.class);
        Publicity publicity = context.getBean(Publicity.class);
        Accounts accounts = context.getBean(Accounts.class);
        HouseholdImports imports = context.getBean(HouseholdImports.class);
        java.time.Clock clock = context.getBean(java.time.Clock.class);
        String marker = "scope-secret-" + UUID.randomUUID().toString().substring(0, 8);
        String village = firstVillage(jdbc, OTHER_COUNTY);
        String township = village.substring(0, 9);
        // The province's last village: away from the counties other tests of that province use (Xining's first).
        String otherProvinceVillage = jdbc.sql("select code from area where level = 5 and retired_at is null"
                + " and code like :area order by code desc limit 1").param("area", OTHER_PROVINCE + "%").query(String.class).single();
        Map<String, Long> ids = new LinkedHashMap<>();
        try {
            Caller admin = TestCallers.NATIONAL_ADMINISTRATOR;
            TestCallers.signIn(admin);
            String login = "dongchuan" + UUID.randomUUID().toString().substring(0, 6);
            String password = "Scope-Password-42";
            var user = accounts.create(new Accounts.UserForm(login, "Dongchuan " + marker, "en", true,
                    EnumSet.of(Role.DATA_ENTRY), Set.of(township)), password);
            jdbc.sql("update app_user set must_change_password = false where id = :id").param("id", user.id()).update();
            ids.put("user", user.id());
            ids.put("token", accounts.issueToken(login, password, marker).token().id());

            Caller clerk = new Caller(user.id(), login, EnumSet.of(Role.DATA_ENTRY), Set.of(township));
            Caller reviewer = TestCallers.of("dongchuan-reviewer", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), OTHER_COUNTY);
            String idNumber = TestPeople.newIdNumber(jdbc, OTHER_COUNTY, true);
            String headName = "户主" + marker.substring(marker.length() - 8);
            String bankAccount = "62284800" + idNumber.substring(8, 16);
            TestCallers.signIn(clerk);
            Household household = households.create(new HouseholdForm(village, null, marker, null, "GENERAL", "ILLNESS",
                    List.of(), null, null, null, bankAccount, null, Map.of(YEAR, new BigDecimal("1500")),
                    List.of(new HouseholdForm.MemberForm(headName, idNumber, "HEAD", null, null, null, null, null, null, null,
                            null, null, null, null)), reference(idNumber)), marker);
            ids.put("household", household.id());

            TestCallers.signIn(reviewer);
            Round round = identification.rounds(OTHER_COUNTY).stream().filter(r -> r.year() == YEAR).findFirst()
                    .orElseGet(() -> identification.openRound(new Round.Form(OTHER_COUNTY, YEAR, 7, null, null)));
            ids.put("round", round.id());
            TestCallers.signIn(clerk);
            identification.apply(round.id(), List.of(household.id()), Application.Proposer.VILLAGE, marker);
            long application = identification.applications(new HouseholdIdentification.Query(round.id(), village, null, 0, 200))
                    .applications().stream().filter(a -> a.householdId() == household.id()).findFirst().orElseThrow().id();
            ids.put("application", application);
            LocalDate today = LocalDate.now(clock);
            identification.step(new StepRequest(Step.APPRAISE, List.of(application), true, null, marker, null,
                    new StepRequest.Appraisal(today, 21, 18, 3),
                    new StepRequest.Upload(marker + ".pdf", ("%PDF-1.4\n" + marker + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII))));
            identification.step(new StepRequest(Step.VERIFY, List.of(application), true, null, marker, null, null, null));
            identification.step(new StepRequest(Step.FIRST_PUBLICITY, List.of(application), null, null, marker, null, null, null));
            ids.put("attachment", jdbc.sql("select attachment_id from procedure_step where procedure = 'HOUSEHOLD'"
                    + " and subject_id = :id and attachment_id is not null").param("id", application).query(Long.class).single());
            Objection objection = publicity.object(Procedure.HOUSEHOLD, application, new Objection.Form(marker, null, null), null);
            ids.put("objection", objection.id());

            String csv = "Household,Village code,Category,Name,Resident ID number,Relation to the head\n"
                    + TestPeople.newHouseholdPrefix() + "1," + village + ",GENERAL,成员" + marker.substring(marker.length() - 4) + ","
                    + TestPeople.newIdNumber(jdbc, OTHER_COUNTY, false) + ",HEAD\n";
            ImportJob job = imports.start(marker + ".csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    ImportJob.Mode.VALID_ROWS, "UTF-8");
            ids.put("importJob", job.id());
            // Its entries are written when it ends: waited for, so that tests counting changes see none come later.
            context.getBean(org.jingzhun.interchange.internal.ImportFailpoints.class).awaitEnd(job.id());

            // A village case in another province, on an assessment of that province.
            // Its login is shown with the assessment: it must not show to another province.
            Caller provinceReviewer = TestCallers.of("qinghai-" + marker, EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), OTHER_PROVINCE);
            TestCallers.signIn(provinceReviewer);
            villageIdentification.setAverages(new ProvinceAverages(OTHER_PROVINCE, YEAR, ProvinceAverages.Method.ENTERED,
                    new BigDecimal("0.2"), new BigDecimal("3000")));
            villageIdentification.assess(OTHER_PROVINCE, YEAR);
            Caller provinceClerk = TestCallers.of("qinghai-clerk", EnumSet.of(Role.DATA_ENTRY), otherProvinceVillage.substring(0, 9));
            TestCallers.signIn(provinceClerk);
            long villageCase = jdbc.sql("select id from village_identification where village_code = :v and year = :y")
                    .param("v", otherProvinceVillage).param("y", YEAR).query(Long.class).optional()
                    .orElseGet(() -> {
                        villageIdentification.apply(List.of(otherProvinceVillage), YEAR, marker, marker);
                        return jdbc.sql("select id from village_identification where village_code = :v and year = :y")
                                .param("v", otherProvinceVillage).param("y", YEAR).query(Long.class).single();
                    });
            ids.put("villageCase", villageCase);
            // A long refusal's problems, kept for the other county's user: nobody else may read them.
            String refusal = UUID.randomUUID().toString();
            jdbc.sql("insert into refusal (id, login, problems, created_at) values (cast(:id as uuid), :login, 1, :now)")
                    .param("id", refusal).param("login", login).param("now", java.time.OffsetDateTime.now(clock)).update();
            jdbc.sql("insert into refusal_problem (refusal_id, n, field, code, message) values (cast(:id as uuid), 1, 'subject', 'stage', :text)")
                    .param("id", refusal).param("text", marker).update();
            ScopeSamples samples = new ScopeSamples(ids, village, otherProvinceVillage, idNumber, login,
                    List.of(marker, headName, idNumber, bankAccount, idNumber.substring(0, 6) + "********" + idNumber.substring(14)));
            samples.pathKinds.put("refusals/{id}", refusal);
            // A staged import of the other county's user (a county list, say): nobody else may read its refused rows.
            long tableImport = jdbc.sql("""
                    insert into table_import (kind, user_id, user_login, file_name, checksum, mode, header, columns, created_at)
                    values ('scope', :user, :login, :name, '', 'VALID_ROWS', array[:name], '{}', :now) returning id""")
                    .param("user", ids.get("user")).param("login", login).param("name", marker)
                    .param("now", java.time.OffsetDateTime.now(clock)).query(Long.class).single();
            samples.pathKinds.put("table-imports/{id}", Long.toString(tableImport));
            return samples;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            TestCallers.signOut();
        }
    }

    private static String firstVillage(JdbcClient jdbc, String area) {
        return jdbc.sql("select code from area where level = 5 and retired_at is null and code like :area order by code limit 1")
                .param("area", area + "%").query(String.class).single();
    }
}
