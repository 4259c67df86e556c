package org.jingzhun.identification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.annotation.Transactional;

/**
 * The village-figures import read by the shared table reader (issue 12, item 7): CSV in UTF-8 or GB18030 with quoted
 * cells, XLSX, columns by header in any order; all or nothing, every problem named by row, column and reason; the
 * request described in the OpenAPI document.
 */
@JingzhunTest
@Transactional
class VillageFiguresImportTest {

    /** Villages of Wangyuan town, Yongning county, Ningxia, which no other test gives figures. */
    static final String A = "640121101200";
    static final String B = "640121101201";
    static final String C = "640121101202";
    static final int YEAR = 2016;
    static final Caller CLERK = TestCallers.of("wangyuan-clerk", EnumSet.of(Role.DATA_ENTRY), "640121101");

    @Autowired
    VillageIdentification villages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvcTester mvc;
    @Autowired
    ProblemMessages messages;

    @BeforeEach
    void signIn() {
        TestCallers.signIn(CLERK);
    }

    @AfterEach
    void signOut() {
        TestCallers.signOut();
        LocaleContextHolder.resetLocaleContext();
    }

    VillageFigures figures(String village) {
        TestCallers.signIn(CLERK); // a request through MockMvc leaves no one signed in
        return villages.figures(village, YEAR);
    }

    @Test
    void readsGb18030WithQuotedCellsAndAChineseHeaderInAnyOrder() {
        String csv = "人均纯收入（元）,行政村代码,集体经济收入,农村常住人口\n"
                + "\"2,650.50\"," + A + ",0,\"1,200\"\n"
                + "\"3100\",\"" + B + "\",,800\n";
        assertThat(villages.importFigures(YEAR, new ByteArrayInputStream(csv.getBytes(Charset.forName("GB18030"))), null))
                .isEqualTo(2);
        assertThat(figures(A)).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(new VillageFigures(A, YEAR, 1200, new BigDecimal("2650.50"), BigDecimal.ZERO));
        assertThat(figures(B).perCapitaIncome()).isEqualByComparingTo("3100");
        assertThat(figures(B).ruralResidents()).isEqualTo(800);
        assertThat(figures(B).collectiveIncome()).isNull();
    }

    @Test
    void theTemplateFilledInIsImportedWithoutItsExampleRow() throws Exception {
        ByteArrayOutputStream template = new ByteArrayOutputStream();
        villages.writeFiguresTemplate(java.util.Locale.SIMPLIFIED_CHINESE, template);
        ByteArrayOutputStream filled = new ByteArrayOutputStream();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(template.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("行政村代码");
            assertThat(sheet.getColumnStyle(0).getDataFormatString()).as("the village code is text").isEqualTo("@");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(org.jingzhun.platform.table.TableTemplate.EXAMPLE);
            assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(1200);
            var row = sheet.createRow(2);
            row.createCell(0).setCellValue(A);
            row.createCell(1).setCellValue(640);
            row.createCell(2).setCellValue(2700.5);
            row.createCell(3).setCellValue(0);
            workbook.write(filled);
        }
        assertThat(villages.importFigures(YEAR, new ByteArrayInputStream(filled.toByteArray()), null)).isEqualTo(1);
        assertThat(figures(A).ruralResidents()).isEqualTo(640);
    }

    @Test
    void readsAWorkbookWithNumbersAsNumbers() throws Exception {
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(xlsx, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("Figures");
            List<String> header = List.of("villageCode", "ruralResidents", "perCapitaIncome", "collectiveIncome");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
            }
            sheet.value(1, 0, A);
            sheet.value(1, 1, 950);
            sheet.value(1, 2, 2999.99);
            sheet.value(1, 3, 12000);
            sheet.value(2, 0, Long.parseLong(C)); // a code typed as a number
            sheet.value(2, 1, 300);
            sheet.value(2, 2, 4100);
            sheet.value(2, 3, 0);
        }
        assertThat(villages.importFigures(YEAR, new ByteArrayInputStream(xlsx.toByteArray()), null)).isEqualTo(2);
        assertThat(figures(A)).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(new VillageFigures(A, YEAR, 950, new BigDecimal("2999.99"), new BigDecimal("12000")));
        assertThat(figures(C).ruralResidents()).isEqualTo(300);
    }

    @Test
    void aFileWithProblemsIsRefusedWholeNamingEveryProblemByRowColumnAndReason() {
        LocaleContextHolder.setLocale(java.util.Locale.ENGLISH);
        String csv = "collectiveIncome,villageCode,ruralResidents,perCapitaIncome\n"
                + "0," + A + ",100,2000\n"                // row 2: fine
                + "0," + A + ",100,2000\n"                // row 3: the village again
                + "0,530102001001,5,100\n"                // row 4: outside the clerk's areas
                + "-1," + B + ",1.5,\"many, many\"\n";    // row 5: three problems
        DomainException refused = catchThrowableOfType(DomainException.class, () -> villages.importFigures(YEAR,
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "UTF-8"));
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(refused.fieldProblems()).extracting(DomainException.FieldProblem::field).containsExactly(
                "rows[3].villageCode", "rows[4].villageCode", "rows[5].collectiveIncome", "rows[5].ruralResidents",
                "rows[5].perCapitaIncome");
        assertThat(refused.fieldProblems().stream().map(messages::text).toList()).containsExactly(
                "Row 3, column B: Village " + A + " is in the file already, on row 2.",
                "Row 4, column B: " + messages.text("household.village.unknown", "530102001001"),
                "Row 5, column A: " + messages.text("identification.figures.amount"),
                "Row 5, column C: The number of residents 1.5 is not a whole number.",
                "Row 5, column D: many, many is not a number.");
        assertThat(messages.summary(refused)).isEqualTo("Nothing was saved: 5 problem(s) in the file.");
        assertThat(figures(A).ruralResidents()).isNull();
    }

    @Test
    void aFileThatIsNoTableOrLacksAColumnIsRefusedNamingIt() {
        DomainException missing = catchThrowableOfType(DomainException.class, () -> villages.importFigures(YEAR,
                new ByteArrayInputStream(("villageCode,ruralResidents\n" + A + ",3\n").getBytes(StandardCharsets.UTF_8)), null));
        assertThat(missing.fieldProblems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("file");
            assertThat(p.args()).containsExactly("perCapitaIncome, collectiveIncome");
        });
        DomainException badBytes = catchThrowableOfType(DomainException.class, () -> villages.importFigures(YEAR,
                new ByteArrayInputStream(new byte[] {'v', ',', (byte) 0xff, (byte) 0xfe, '\n'}), "UTF-8"));
        assertThat(badBytes.fieldProblems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("file");
            assertThat(p.messageKey()).isEqualTo("import.file.bad-encoding");
        });
    }

    @Test
    void theApiTakesAnUploadOrABodyAndItsRequestIsDescribed() throws Exception {
        var clerk = TestCallers.as(CLERK);
        String csv = "villageCode,ruralResidents,perCapitaIncome,collectiveIncome\n" + A + ",700,2100,0\n";
        assertThat(mvc.post().uri("/api/v1/identification/village-figures/import").param("year", Integer.toString(YEAR))
                .with(clerk).with(csrf()).multipart()
                .file(new MockMultipartFile("file", "figures.csv", "text/csv", csv.getBytes(Charset.forName("GB18030")))))
                .hasStatusOk().bodyJson().extractingPath("$.villages").isEqualTo(1);
        assertThat(mvc.post().uri("/api/v1/identification/village-figures/import").param("year", Integer.toString(YEAR))
                .with(clerk).with(csrf()).contentType("text/csv").content(csv.replace("700", "701")))
                .hasStatusOk().bodyJson().extractingPath("$.villages").isEqualTo(1);
        assertThat(figures(A).ruralResidents()).isEqualTo(701);
        assertThat(mvc.post().uri("/api/v1/identification/village-figures/import").param("year", Integer.toString(YEAR))
                .with(clerk).with(csrf()).contentType("text/csv").content(csv.replace("700", "seven")))
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("rows[2].ruralResidents"));

        var described = mvc.get().uri("/v3/api-docs").with(TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR));
        assertThat(described).hasStatusOk().bodyJson()
                .extractingPath("$.paths['/api/v1/identification/village-figures/import'].post.requestBody.content")
                .asMap().containsKeys("multipart/form-data", "text/csv",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(described).bodyJson()
                .extractingPath("$.paths['/api/v1/identification/village-figures/import'].post.description").asString()
                .contains("villageCode", "ruralResidents", "perCapitaIncome", "collectiveIncome", "GB18030", "XLSX");
    }

    @Test
    void theVillagesPageUploadsAWorkbookAndNamesTheProblemsOfARefusedOne() throws Exception {
        var clerk = TestCallers.as(CLERK);
        String page = "/identification/villages?province=64&year=" + YEAR;
        assertThat(mvc.get().uri(page).with(clerk)).hasStatusOk().bodyText().contains(".xlsx");
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(xlsx, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("Figures");
            sheet.value(0, 0, "行政村代码");
            sheet.value(0, 1, "农村常住人口");
            sheet.value(0, 2, "人均纯收入");
            sheet.value(0, 3, "集体经济收入");
            sheet.value(1, 0, B);
            sheet.value(1, 1, 420);
            sheet.value(1, 2, 1999.5);
            sheet.value(1, 3, 0);
        }
        var done = mvc.post().uri("/identification/villages/figures/import").with(clerk).with(csrf()).multipart()
                .file(new MockMultipartFile("file", "figures.xlsx", null, xlsx.toByteArray()))
                .param("province", "64").param("year", Integer.toString(YEAR)).exchange();
        assertThat(done).hasStatus3xxRedirection().hasRedirectedUrl(page).flash().containsKey("done");
        assertThat(figures(B).ruralResidents()).isEqualTo(420);

        var refused = mvc.post().uri("/identification/villages/figures/import").with(clerk).with(csrf()).multipart()
                .file(new MockMultipartFile("file", "figures.csv", "text/csv",
                        ("villageCode,ruralResidents,perCapitaIncome,collectiveIncome\n" + B + ",x,1,0\n")
                                .getBytes(StandardCharsets.UTF_8)))
                .param("province", "64").param("year", Integer.toString(YEAR)).header("Accept-Language", "en").exchange();
        assertThat(refused).hasStatus3xxRedirection().flash().containsKey("problems");
        assertThat(refused.getMvcResult().getFlashMap().get("problems").toString()).contains("Row 2, column B: x is not a number.");
        assertThat(figures(B).ruralResidents()).isEqualTo(420);
    }
}
