package org.jingzhun.interchange.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.HouseholdImports;
import org.jingzhun.interchange.ImportJob;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Issue 12, item 4: an import report naming the household where a person is already registered (a message whose
 * number argument is stored as text) renders whole on the page and in its progress part, and downloads whole as
 * CSV and XLSX, in both languages.
 */
@JingzhunTest
class ImportReportTest {

    static final Caller CLERK = TestCallers.of("report-clerk", EnumSet.of(Role.DATA_ENTRY), "530102");
    static final String VILLAGE = "530102001001";
    static final String HEADER = "household,villageCode,category,mainCause,otherCauses,safeWater,incomeYear,income,"
            + "name,idNumber,relation,sex,birthDate,health,disabilityGrade\n";

    @Autowired
    HouseholdImports imports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvcTester mvc;

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    @Test
    void aPersonRegisteredInAnotherHouseholdIsReportedWholeOnThePagesAndInBothDownloadsInBothLanguages() throws Exception {
        TestCallers.signIn(CLERK);
        String head = TestPeople.newIdNumber(jdbc, "530102", true);
        String wife = TestPeople.newIdNumber(jdbc, "530102", false);
        String prefix = TestPeople.newHouseholdPrefix(); // household numbers are references, unique within the county
        ImportJob first = importAndWait(HEADER + prefix + "R1," + VILLAGE + ",GENERAL,,,,,,甲一," + head + ",HEAD,,,,\n");
        assertThat(first.householdsAdded()).isEqualTo(1);
        // The same head again, now with a wife: not the same upload again, so the head is already registered.
        ImportJob second = importAndWait(HEADER + prefix + "R2," + VILLAGE + ",GENERAL,,,,,,甲一," + head + ",HEAD,,,,\n"
                + prefix + "R2," + VILLAGE + ",GENERAL,,,,,,乙二," + wife + ",SPOUSE,,,,\n");
        assertThat(imports.problems(second.id(), 0, 10).items()).extracting(p -> p.messageKey())
                .contains("member.id.registered-with");

        String masked = head.substring(0, 6) + "********" + head.substring(14);
        for (String language : List.of("en", "zh-CN")) {
            // The household named by its head and village, not by its internal id (issue 12, item 5).
            String registered = Locale.forLanguageTag(language).getLanguage().equals("zh")
                    ? "户主为甲一（" + masked + "）的户中" : "is already registered in the household of 甲一 (" + masked + ")";
            for (String page : List.of("/imports/" + second.id(), "/imports/" + second.id() + "/progress")) {
                MvcTestResult shown = mvc.get().uri(page).header("Accept-Language", language).with(TestCallers.as(CLERK)).exchange();
                assertThat(shown).as(page + " " + language).hasStatusOk();
                String html = shown.getResponse().getContentAsString(StandardCharsets.UTF_8);
                assertThat(html).as(page + " " + language).contains(masked, registered).contains("id=\"problems\"").contains("</table>");
                if (!page.endsWith("progress")) {
                    assertThat(html).contains("</html>");
                }
            }

            MvcTestResult csv = mvc.get().uri("/api/v1/imports/" + second.id() + "/refused?format=csv")
                    .header("Accept-Language", language).with(TestCallers.as(CLERK)).exchange();
            assertThat(csv).hasStatusOk();
            String text = csv.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(text.lines().toList()).as(text).hasSize(3);
            assertThat(text).contains(masked, registered, wife);

            MvcTestResult xlsx = mvc.get().uri("/api/v1/imports/" + second.id() + "/refused?format=xlsx")
                    .header("Accept-Language", language).with(TestCallers.as(CLERK)).exchange();
            assertThat(xlsx).hasStatusOk();
            try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
                List<Row> rows = workbook.getFirstSheet().read();
                assertThat(rows).hasSize(3);
                String problems = rows.get(1).getCellText(rows.get(1).getCellCount() - 1);
                assertThat(problems).contains(masked, registered);
            }
        }
    }

    private ImportJob importAndWait(String csv) throws Exception {
        ImportJob job = imports.start("report.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                ImportJob.Mode.VALID_ROWS, "AUTO");
        while (!job.status().finished()) { // each look is a query: the job's own state is the condition waited on
            job = imports.get(job.id());
        }
        assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
        return job;
    }
}
