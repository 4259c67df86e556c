package org.jingzhun.interchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.internal.ImportFailpoints;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Page;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.HouseholdForm;
import org.jingzhun.registry.Households;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** Imports on the real database, committed as a user's import is: good and bad rows, re-uploads, formats, bad files. */
@JingzhunTest
class HouseholdImportsTest {

    /** A data-entry user of Wuhua district, Kunming (530102). */
    static final Caller CLERK = TestCallers.of("import-clerk", EnumSet.of(Role.DATA_ENTRY), "530102");
    static final Caller OTHER_COUNTY = TestCallers.of("panlong-clerk", EnumSet.of(Role.DATA_ENTRY), "530103");
    static final String VILLAGE = "530102001001";
    static final String HEADER = "household,villageCode,category,mainCause,otherCauses,safeWater,incomeYear,income,"
            + "name,idNumber,relation,sex,birthDate,health,disabilityGrade\n";

    /**
     * The household numbers of this test's files begin with it: a number is kept as the household's reference, unique
     * within its county, and every test imports into the same county.
     */
    final String run = TestPeople.newHouseholdPrefix();
    /** A household number for workbooks that hold it as a number. */
    final long runNumber = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1L << 40);
    @Autowired
    HouseholdImports imports;
    @Autowired
    HouseholdExports exports;
    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ImportFailpoints failpoints;
    @Autowired
    MockMvcTester mvc;

    @BeforeEach
    void signIn() {
        TestCallers.signIn(CLERK);
    }

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    String id(boolean male) {
        return TestPeople.newIdNumber(jdbc, "530102", male);
    }

    ImportJob importAndWait(String fileName, byte[] content, ImportJob.Mode mode, String charset) throws Exception {
        ImportJob job = imports.start(fileName, new ByteArrayInputStream(content), mode, charset);
        failpoints.awaitEnd(job.id());
        return imports.get(job.id());
    }

    List<ImportProblem> problems(long job) {
        return imports.problems(job, 0, 100).items();
    }

    long membersOf(String... idNumbers) {
        return jdbc.sql("select count(*) from member where id_number = any(:ids)").param("ids", idNumbers).query(Long.class).single();
    }

    @Test
    void entersGoodHouseholdsAndLeavesThemAsTheyAreWhenTheSameFileComesAgain() throws Exception {
        String head1 = id(true);
        String wife1 = id(false);
        String child1 = id(true);
        String head2 = id(false);
        String csv = HEADER
                + run + "A1," + VILLAGE + ",一般贫困户,因病,缺资金、缺技术,是,2014,\"2,650.50\",张三," + head1 + ",户主,,,,\n"
                + run + "A1,,,,,,,,李四," + wife1 + ",配偶,女,,长期慢性病,\n"
                + run + "A1," + VILLAGE + ",,,,,,,张小," + child1.toLowerCase(Locale.ROOT) + ",CHILD,MALE,"
                + LocalDate.parse(child1.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                        .toString().replace("-", "/") + ",DISABILITY,2\n"
                + "\n"
                + run + "B7," + VILLAGE + ",DIBAO,ILLNESS,,no,2014,1800,王五," + head2 + ",HEAD,,,,\n";
        ImportJob job = importAndWait("households.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");

        assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(job.charset()).isEqualTo("UTF-8");
        assertThat(problems(job.id())).isEmpty();
        assertThat(job.rowsRead()).isEqualTo(4);
        assertThat(job.households()).isEqualTo(2);
        assertThat(job.householdsAdded()).isEqualTo(2);
        assertThat(job.membersAdded()).isEqualTo(4);
        assertThat(membersOf(head1, wife1, child1, head2)).isEqualTo(4);
        long household = jdbc.sql("select household_id from member where id_number = :id").param("id", head1).query(Long.class).single();
        var entered = households.get(household);
        assertThat(entered.category().name()).isEqualTo("GENERAL");
        assertThat(entered.mainCause()).isEqualTo("ILLNESS");
        assertThat(entered.otherCauses()).containsExactly("LACK_OF_FUNDS", "LACK_OF_SKILLS");
        assertThat(entered.safeWater()).isTrue();
        assertThat(entered.incomes()).containsEntry(2014, new java.math.BigDecimal("2650.50"));
        assertThat(entered.members()).extracting(m -> m.relation().name()).containsExactlyInAnyOrder("HEAD", "SPOUSE", "CHILD");
        assertThat(entered.members()).filteredOn(m -> m.idNumber().equals(child1))
                .singleElement().satisfies(m -> assertThat(m.disabilityGrade()).isEqualTo(2));
        assertThat(jdbc.sql("select count(*) from audit_event where entity = 'household' and entity_id = :id and action = 'import'")
                .param("id", Long.toString(household)).query(Long.class).single()).isEqualTo(1);

        ImportJob again = importAndWait("households.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(again.status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(again.householdsAdded()).isZero();
        assertThat(again.householdsUnchanged()).isEqualTo(2);
        assertThat(again.rowsRefused()).isZero();
        assertThat(membersOf(head1, wife1, child1, head2)).isEqualTo(4);
    }

    @Test
    void refusesBadRowsWithTheirHouseholdsNamingRowColumnAndReason() throws Exception {
        TestCallers.signIn(OTHER_COUNTY);
        String elsewhere = TestPeople.newIdNumber(jdbc, "530103", true);
        households.create(new HouseholdForm("530103001001", null, null, null, "GENERAL", null, List.of(), null, null, null,
                null, null, java.util.Map.of(), List.of(new HouseholdForm.MemberForm("赵六", elsewhere, "HEAD", null, null,
                null, null, null, null, null, null, null, null, null))), "registered in Panlong");
        TestCallers.signIn(CLERK);

        String good = id(true);
        String badCheck = id(true);
        badCheck = badCheck.substring(0, 17) + (badCheck.charAt(17) == '1' ? '2' : '1');
        String twice = id(false);
        String outOfScope = id(true);
        String member = id(false);
        String differing = id(true);
        String headOfDiffering = id(false);
        String csv = HEADER
                + run + "G," + VILLAGE + ",GENERAL,,,,,,好人," + good + ",HEAD,,,,\n"               // row 2: fine
                + run + "H1," + VILLAGE + ",GENERAL,,,,,,错号," + badCheck + ",HEAD,,,,\n"         // row 3: check character
                + run + "H2," + VILLAGE + ",GENERAL,,,,,,两次," + twice + ",HEAD,,,,\n"            // row 4: twice in the file
                + run + "H3," + VILLAGE + ",GENERAL,,,,,,两次," + twice + ",HEAD,,,,\n"            // row 5
                + run + "H4,530103001001,GENERAL,,,,,,越界," + outOfScope + ",HEAD,,,,\n"          // row 6: village of another county
                + run + "H4,,,,,,,,家人," + member + ",SPOUSE,,,,\n"                               // row 7: refused with row 6
                + run + "H5," + VILLAGE + ",GENERAL,,,,,,别处," + elsewhere + ",HEAD,,,,\n"         // row 8: registered in Panlong
                + run + "H6," + VILLAGE + ",WUBAO,,,,,,户主," + headOfDiffering + ",HEAD,,,,\n"     // row 9
                + run + "H6," + VILLAGE + ",DIBAO,,,,,,不同," + differing + ",CHILD,,,,\n"          // row 10: category differs
                + run + "H7," + VILLAGE + ",GENERAL,,,maybe,2014,abc,乱填," + id(true) + ",HEAD,FEMALE,1999-02-30,,\n"; // row 11
        ImportJob job = importAndWait("mixed.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");

        assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
        List<ImportProblem> problems = problems(job.id());
        assertThat(problems.stream().map(ImportProblem::rowNumber).distinct()).as(problems.toString())
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(job.householdsAdded()).isEqualTo(1);
        assertThat(job.rowsRefused()).isEqualTo(9);
        assertThat(problems).extracting(ImportProblem::rowNumber, ImportProblem::column, ImportProblem::code).contains(
                org.assertj.core.groups.Tuple.tuple(3, "idNumber", "check"),
                org.assertj.core.groups.Tuple.tuple(4, "idNumber", "twice-in-file"),
                org.assertj.core.groups.Tuple.tuple(5, "idNumber", "twice-in-file"),
                org.assertj.core.groups.Tuple.tuple(6, "villageCode", "unknown"),
                org.assertj.core.groups.Tuple.tuple(7, null, "household-refused"),
                org.assertj.core.groups.Tuple.tuple(8, "idNumber", "registered"),
                org.assertj.core.groups.Tuple.tuple(10, "category", "differs-from-head"),
                org.assertj.core.groups.Tuple.tuple(9, null, "household-refused"),
                org.assertj.core.groups.Tuple.tuple(11, "safeWater", "format"),
                org.assertj.core.groups.Tuple.tuple(11, "income", "format"),
                org.assertj.core.groups.Tuple.tuple(11, "birthDate", "format"));
        assertThat(problems).filteredOn(p -> p.rowNumber() == 8).singleElement()
                .satisfies(p -> assertThat(p.messageKey()).isEqualTo("member.id.registered-elsewhere"));
        assertThat(membersOf(good)).isEqualTo(1);
        assertThat(membersOf(badCheck, twice, outOfScope, member, differing, headOfDiffering)).isZero();

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        imports.writeRefusedRows(job.id(), FileFormat.CSV, Locale.ENGLISH, report);
        List<String> lines = report.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.getFirst()).startsWith("\uFEFFhousehold,villageCode").endsWith(",Problems");
        assertThat(lines.get(1)).startsWith(run + "H1,").contains("Resident ID number: ");
        assertThat(lines).noneMatch(line -> line.contains(good));
    }

    @Test
    void allOrNothingEntersNothingWhenOneRowIsWrong() throws Exception {
        String good = id(true);
        String csv = HEADER + run + "G," + VILLAGE + ",GENERAL,,,,,,好人," + good + ",HEAD,,,,\n"
                + run + "B," + VILLAGE + ",NOT_A_CATEGORY,,,,,,坏人," + id(false) + ",HEAD,,,,\n";
        ImportJob job = importAndWait("strict.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.ALL_OR_NOTHING, "AUTO");
        assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(job.refusedWhole()).isTrue();
        assertThat(job.householdsAdded()).isZero();
        assertThat(membersOf(good)).isZero();
        assertThat(problems(job.id())).extracting(ImportProblem::rowNumber, ImportProblem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "category"));
    }

    @Test
    void readsGb18030AndChineseHeadersAndWarnsOfUnknownColumns() throws Exception {
        String head = id(true);
        String csv = "户编号,行政村代码,贫困户属性,姓名,身份证号码,与户主关系,备注\n"
                + run + "1," + VILLAGE + ",低保贫困户,陈七," + head + ",户主,某某\n";
        ImportJob job = importAndWait("gbk.csv", csv.getBytes(Charset.forName("GB18030")), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(job.charset()).isEqualTo("GB18030");
        assertThat(job.householdsAdded()).isEqualTo(1);
        assertThat(jdbc.sql("select name from member where id_number = :id").param("id", head).query(String.class).single())
                .isEqualTo("陈七");
        assertThat(job.warnings()).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo("import.column.ignored");
            assertThat(w.args()).containsExactly("备注", "G");
        });
    }

    @Test
    void refusesAFileWhoseHeaderLacksARequiredColumn() throws Exception {
        String csv = "household,villageCode,category,name,relation\n1," + VILLAGE + ",GENERAL,陈七,HEAD\n";
        ImportJob job = importAndWait("short.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(job.status()).isEqualTo(ImportJob.Status.REFUSED);
        assertThat(job.messageKey()).isEqualTo("import.column.missing");
        assertThat(job.messageArgs()).containsExactly("idNumber");
    }

    @Test
    void refusesAtOnceWhatIsNotATableOrIsEmpty() {
        assertThatThrownBy(() -> imports.start("photo.xlsx", new ByteArrayInputStream(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0}),
                ImportJob.Mode.VALID_ROWS, "AUTO"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .singleElement().satisfies(p -> assertThat(p.messageKey()).isEqualTo("import.file.not-a-table")));
        assertThatThrownBy(() -> imports.start("empty.csv", new ByteArrayInputStream(new byte[0]), ImportJob.Mode.VALID_ROWS, "AUTO"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .singleElement().satisfies(p -> assertThat(p.messageKey()).isEqualTo("import.file.empty")));
        assertThatThrownBy(() -> imports.start("old.xls", new ByteArrayInputStream(new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11,
                (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}), ImportJob.Mode.VALID_ROWS, "AUTO"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .singleElement().satisfies(p -> assertThat(p.messageKey()).isEqualTo("import.file.old-excel")));
    }

    /**
     * Issue 13, item 5: an ID number typed as a number is kept by a spreadsheet to 15 digits and written in plain
     * digits (530102198001011000); it was refused as a wrong check character, now as a number the spreadsheet rounded.
     */
    @Test
    void anIdNumberAWorkbookKeptAsARoundedPlainNumberIsNamedAsRounded() throws Exception {
        String head = id(true);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(file, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("Households");
            List<String> header = List.of("household", "villageCode", "category", "name", "idNumber", "relation");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
            }
            sheet.value(1, 0, runNumber);
            sheet.value(1, 1, VILLAGE);
            sheet.value(1, 2, "GENERAL");
            sheet.value(1, 3, "孙十");
            sheet.value(1, 4, Long.parseLong(head.substring(0, 15) + "000"));
            sheet.value(1, 5, "HEAD");
        }
        ImportJob job = importAndWait("rounded.xlsx", file.toByteArray(), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(problems(job.id())).extracting(ImportProblem::rowNumber, ImportProblem::column, ImportProblem::code)
                .contains(org.assertj.core.groups.Tuple.tuple(2, "idNumber", "scientific"));
    }

    @Test
    void readsWorkbooksWithNumbersAsTextDatesAsDatesAndTellsOfRoundedIdNumbers() throws Exception {
        String head = id(true);
        String child = id(false);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(file, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("Households");
            List<String> header = List.of("household", "villageCode", "category", "incomeYear", "income", "name", "idNumber",
                    "relation", "birthDate");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
            }
            // Row 2: village code and year typed as numbers, income as text, the birth date a real date cell.
            sheet.value(1, 0, runNumber);
            sheet.value(1, 1, Long.parseLong(VILLAGE));
            sheet.value(1, 2, "GENERAL");
            sheet.value(1, 3, "2014");
            sheet.value(1, 4, 2300.5);
            sheet.value(1, 5, "孙八");
            sheet.value(1, 6, head);
            sheet.value(1, 7, "HEAD");
            sheet.value(1, 8, LocalDate.parse(head.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            sheet.style(1, 8).format("yyyy-mm-dd").set();
            // Row 3: the ID number typed as a number, which a spreadsheet rounds.
            sheet.value(2, 0, runNumber);
            sheet.value(2, 5, "孙九");
            sheet.value(2, 6, Double.parseDouble(child.substring(0, 17) + "0")); // typed as a number, X or not
            sheet.value(2, 7, "CHILD");
        }
        ImportJob job = importAndWait("book.xlsx", file.toByteArray(), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(job.format()).isEqualTo(FileFormat.XLSX);
        assertThat(problems(job.id())).extracting(ImportProblem::rowNumber, ImportProblem::column, ImportProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, null, "household-refused"),
                        org.assertj.core.groups.Tuple.tuple(3, "idNumber", "scientific"));

        // The same row without the rounded child enters, its numbers and date read right.
        ByteArrayOutputStream fixed = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(fixed, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("Households");
            List<Object> cells = new ArrayList<>(List.of("household", "villageCode", "category", "incomeYear", "income", "name",
                    "idNumber", "relation", "birthDate"));
            for (int c = 0; c < cells.size(); c++) {
                sheet.value(0, c, cells.get(c).toString());
            }
            sheet.value(1, 0, runNumber);
            sheet.value(1, 1, Long.parseLong(VILLAGE));
            sheet.value(1, 2, "一般贫困户");
            sheet.value(1, 3, "2014");
            sheet.value(1, 4, 2300.5);
            sheet.value(1, 5, "孙八");
            sheet.value(1, 6, head);
            sheet.value(1, 7, "户主");
            sheet.value(1, 8, LocalDate.parse(head.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            sheet.style(1, 8).format("yyyy-mm-dd").set();
        }
        ImportJob entered = importAndWait("fixed.xlsx", fixed.toByteArray(), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(problems(entered.id())).isEmpty();
        assertThat(entered.householdsAdded()).isEqualTo(1);
        assertThat(jdbc.sql("select i.amount from household_income i join member m on m.household_id = i.household_id"
                + " where m.id_number = :id and i.year = 2014").param("id", head).query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("2300.50");
    }

    @Test
    void templateHasEveryColumnInTheUsersLanguage() throws IOException {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        imports.writeTemplate(FileFormat.CSV, Locale.SIMPLIFIED_CHINESE, csv);
        String header = csv.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(header).startsWith("\uFEFF户编号,行政村代码").contains("身份证号码").doesNotContain("import.column");
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        imports.writeTemplate(FileFormat.XLSX, Locale.ENGLISH, xlsx);
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            List<org.dhatim.fastexcel.reader.Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(org.dhatim.fastexcel.reader.Sheet::getName).containsExactly("Households", "codes", "Explanations");
            List<org.dhatim.fastexcel.reader.Row> help = sheets.get(2).read();
            assertThat(help).hasSize(30);
            assertThat(help).anySatisfy(row -> assertThat(row.getCellText(3)).contains("DIBAO = Poor on minimum living allowance"));
        }
    }

    @Test
    void theTemplateKeepsIdsAndAccountsAsTextOffersTheCodesAndItsExampleRowIsNotImported() throws Exception {
        ByteArrayOutputStream template = new ByteArrayOutputStream();
        imports.writeTemplate(FileFormat.XLSX, Locale.SIMPLIFIED_CHINESE, template);
        String head = id(true);
        ByteArrayOutputStream filled = new ByteArrayOutputStream();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(template.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            List<String> header = new java.util.ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            int idColumn = header.indexOf("身份证号码");
            int accountColumn = header.indexOf("银行账号");
            int categoryColumn = header.indexOf("贫困户属性");
            assertThat(idColumn).isNotNegative();
            assertThat(accountColumn).isNotNegative();
            assertThat(categoryColumn).isNotNegative();
            // Text columns: what is typed in them later stays text (no 1.10105E+17), the example's cells are text too.
            assertThat(sheet.getColumnStyle(idColumn).getDataFormatString()).isEqualTo("@");
            assertThat(sheet.getColumnStyle(accountColumn).getDataFormatString()).isEqualTo("@");
            assertThat(sheet.getRow(1).getCell(idColumn).getCellStyle().getDataFormatString()).isEqualTo("@");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(org.jingzhun.platform.table.TableTemplate.EXAMPLE);
            // A drop-down on the category column, from the codes sheet, which lists the registry's categories.
            var categoryList = sheet.getDataValidations().stream()
                    .filter(v -> v.getRegions().getCellRangeAddress(0).getFirstColumn() == categoryColumn).findFirst().orElseThrow();
            assertThat(categoryList.getValidationConstraint().getValidationType())
                    .isEqualTo(org.apache.poi.ss.usermodel.DataValidationConstraint.ValidationType.LIST);
            String formula = categoryList.getValidationConstraint().getFormula1();
            assertThat(formula).startsWith("codes!");
            var codes = workbook.getSheet("codes");
            var listed = new java.util.ArrayList<String>();
            var area = org.apache.poi.ss.util.CellRangeAddress.valueOf(formula.substring("codes!".length()));
            for (int r = area.getFirstRow(); r <= area.getLastRow(); r++) {
                listed.add(codes.getRow(r).getCell(area.getFirstColumn()).getStringCellValue());
            }
            assertThat(listed).containsExactlyInAnyOrder("GENERAL", "DIBAO", "WUBAO");
            // One household filled in under the example, as an office would.
            var row = sheet.createRow(2);
            java.util.Map<String, String> values = java.util.Map.of("户编号", run + "TPL", "行政村代码", VILLAGE, "贫困户属性", "GENERAL",
                    "姓名", "模板户主", "身份证号码", head, "与户主关系", "HEAD");
            values.forEach((column, value) -> {
                assertThat(header).contains(column);
                row.createCell(header.indexOf(column)).setCellValue(value);
            });
            workbook.write(filled);
        }
        ImportJob entered = importAndWait("template.xlsx", filled.toByteArray(), ImportJob.Mode.ALL_OR_NOTHING, "AUTO");
        assertThat(problems(entered.id())).isEmpty();
        assertThat(entered.householdsAdded()).isEqualTo(1);
        assertThat(membersOf(head)).isEqualTo(1);
        assertThat(membersOf("11010519491231002X")).isZero();
    }

    @Test
    void exportsWhatASearchFindsMaskingIdNumbersForThoseWhoDoNotWorkOnTheRecords() throws Exception {
        String head = id(true);
        String wife = id(false);
        String csv = HEADER + run + "E," + VILLAGE + ",GENERAL,ILLNESS,,yes,2014,2500,导出," + head + ",HEAD,,,,\n"
                + run + "E,,,,,,,,导出妻," + wife + ",SPOUSE,,,,\n";
        assertThat(importAndWait("export.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO")
                .householdsAdded()).isEqualTo(1);
        Households.Query byId = new Households.Query(null, null, head, null, null, null, null, null, 0, 1);

        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        exports.export(byId, FileFormat.CSV, Locale.SIMPLIFIED_CHINESE, whole);
        List<String> lines = whole.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(head, "一般贫困户", "因病", "是", "2500", "户主");
        assertThat(lines.get(2)).contains(wife, "配偶");

        TestCallers.signIn(TestCallers.of("import-auditor", EnumSet.of(Role.AUDITOR), "530102"));
        ByteArrayOutputStream masked = new ByteArrayOutputStream();
        exports.export(byId, FileFormat.XLSX, Locale.ENGLISH, masked);
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new ByteArrayInputStream(masked.toByteArray()))) {
            List<org.dhatim.fastexcel.reader.Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(org.dhatim.fastexcel.reader.Sheet::getName).containsExactly("Households", "Members");
            assertThat(sheets.get(0).read()).hasSize(2);
            List<org.dhatim.fastexcel.reader.Row> members = sheets.get(1).read();
            assertThat(members).hasSize(3);
            assertThat(members.get(1).getCellText(16)).isEqualTo(head.substring(0, 6) + "********" + head.substring(14));
        }

        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR); // a national caller's scope is no condition at all
        ByteArrayOutputStream national = new ByteArrayOutputStream();
        exports.export(byId, FileFormat.CSV, Locale.ENGLISH, national);
        assertThat(national.toString(StandardCharsets.UTF_8).lines()).hasSize(3);

        TestCallers.signIn(OTHER_COUNTY);
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        exports.export(byId, FileFormat.CSV, Locale.ENGLISH, none);
        assertThat(none.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    @Test
    void aNationalClerkImportsAnywhereAndIsToldWhereSomeoneIsRegistered() throws Exception {
        // A national caller's scope is no SQL condition at all: the checks must still read right.
        TestCallers.signIn(TestCallers.of("national-clerk", EnumSet.of(Role.DATA_ENTRY), ""));
        String head = TestPeople.newIdNumber(jdbc, "530103", true);
        String csv = HEADER + run + "N,530103001001,GENERAL,,,,,,全国," + head + ",HEAD,,,,\n";
        ImportJob first = importAndWait("national.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(first.status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(first.householdsAdded()).isEqualTo(1);

        String moved = csv.replace("530103001001", VILLAGE);
        ImportJob second = importAndWait("moved.csv", moved.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(problems(second.id())).singleElement()
                .satisfies(p -> assertThat(p.messageKey()).isEqualTo("member.id.registered-with"));
    }

    @Test
    void readsAWorkbookWithATitleRowAndHouseholdCellsMergedOverTheMembersRows() throws Exception {
        String head = id(true);
        String wife = id(false);
        String son = id(true);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(file, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("花名册");
            sheet.value(0, 0, "2014年建档立卡贫困户花名册");
            sheet.range(0, 0, 0, 5).merge();
            List<String> header = List.of("户编号", "行政村代码", "贫困户属性", "姓名", "身份证号码", "与户主关系");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(1, c, header.get(c));
            }
            sheet.value(2, 0, run + "1");
            sheet.value(2, 1, VILLAGE);
            sheet.value(2, 2, "一般贫困户");
            String[][] people = {{"钱一", head, "户主"}, {"孙二", wife, "配偶"}, {"钱三", son, "子女"}};
            for (int i = 0; i < people.length; i++) {
                for (int c = 0; c < 3; c++) {
                    sheet.value(2 + i, 3 + c, people[i][c]);
                }
            }
            // The household's number, village and category merged over its three rows, as registers do.
            for (int c = 0; c < 3; c++) {
                sheet.range(2, c, 4, c).merge();
            }
        }
        ImportJob job = importAndWait("merged.xlsx", file.toByteArray(), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(problems(job.id())).isEmpty();
        assertThat(job.households()).isEqualTo(1);
        assertThat(job.householdsAdded()).isEqualTo(1);
        assertThat(job.membersAdded()).isEqualTo(3);
        assertThat(jdbc.sql("select count(distinct household_id) from member where id_number in (:a, :b, :c)")
                .param("a", head).param("b", wife).param("c", son).query(Long.class).single()).isEqualTo(1);
    }

    /** Issue 11, item 6: a value the staging table cannot hold refuses its row alone; it used to fail the whole job. */
    @Test
    void aRowWithAHugeIncomeOrANulCharacterIsRefusedAloneAndTheOthersEnter() throws Exception {
        String good = id(true);
        String huge = id(true);
        String infinite = id(false);
        String nul = id(true);
        String huger = id(false);
        // A note column the import does not read pushes the NUL past the first 4 KB, where a file is told from binary.
        String csv = HEADER.strip() + ",note\n"
                + run + "G," + VILLAGE + ",GENERAL,,,,2014,2000,好人," + good + ",HEAD,,,,," + "x".repeat(5000) + "\n" // row 2: fine
                + run + "I1," + VILLAGE + ",GENERAL,,,,2014,99999999999999,大数," + huge + ",HEAD,,,,,\n"     // row 3
                + run + "I2," + VILLAGE + ",GENERAL,,,,2014,1e309,无穷," + infinite + ",HEAD,,,,,\n"          // row 4
                + run + "I3," + VILLAGE + ",GENERAL,,,,,,空\u0000字," + nul + ",HEAD,,,,,\n"                  // row 5
                + run + "I4," + VILLAGE + ",GENERAL,,,,2014,1e-999999999,微小," + huger + ",HEAD,,,,,\n";     // row 6
        ImportJob job = importAndWait("values.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "UTF-8");

        assertThat(job.status()).as(job.messageKey() + job.messageArgs()).isEqualTo(ImportJob.Status.DONE);
        assertThat(job.householdsAdded()).isEqualTo(1);
        assertThat(job.rowsRefused()).isEqualTo(4);
        assertThat(membersOf(good)).isEqualTo(1);
        assertThat(membersOf(huge, infinite, nul, huger)).isZero();
        assertThat(problems(job.id())).extracting(ImportProblem::rowNumber, ImportProblem::column, ImportProblem::code)
                .contains(org.assertj.core.groups.Tuple.tuple(3, "income", "range"),
                        org.assertj.core.groups.Tuple.tuple(4, "income", "range"),
                        org.assertj.core.groups.Tuple.tuple(5, "name", "nul"),
                        org.assertj.core.groups.Tuple.tuple(6, "income", "range"));
        // The refused row comes back with a visible sign where the NUL was, to be found and fixed.
        assertThat(imports.refusedRows(job.id(), 0, 10).items()).filteredOn(r -> r.rowNumber() == 5).singleElement()
                .satisfies(r -> assertThat(r.cells()).contains("空\u2400字"));
    }

    /** Issue 11, item 4: problems and refused rows come a page at a time, with their total; a page is bounded. */
    @Test
    void problemsAndRefusedRowsArePagedWithTheirTotal() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 5; i++) { // rows 2 to 6, each with an unknown category
            csv.append(run).append("P").append(i).append(',').append(VILLAGE).append(",NOT_A_CATEGORY,,,,,,坏人").append(i).append(',')
                    .append(id(true)).append(",HEAD,,,,\n");
        }
        ImportJob job = importAndWait("paged.csv", csv.toString().getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(job.rowsRefused()).isEqualTo(5);

        Page<ImportProblem> first = imports.problems(job.id(), 0, 2);
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).extracting(ImportProblem::rowNumber).containsExactly(2, 3);
        assertThat(first.more()).isTrue();
        Page<ImportProblem> last = imports.problems(job.id(), 2, 2);
        assertThat(last.items()).extracting(ImportProblem::rowNumber).containsExactly(6);
        assertThat(last.more()).isFalse();
        assertThat(last.pages()).isEqualTo(3);

        Page<RefusedRow> rows = imports.refusedRows(job.id(), 1, 2);
        assertThat(rows.total()).isEqualTo(5);
        assertThat(rows.items()).extracting(RefusedRow::rowNumber).containsExactly(4, 5);
        assertThat(rows.items().getFirst().cells()).startsWith(run + "P2", VILLAGE, "NOT_A_CATEGORY");
        assertThat(rows.items().getFirst().problems()).extracting(ImportProblem::column).containsExactly("category");

        assertThatThrownBy(() -> imports.problems(job.id(), 0, Page.MAX_SIZE + 1))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(DomainException.FieldProblem::field).containsExactly("size"));
        assertThatThrownBy(() -> imports.refusedRows(job.id(), -1, 10))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(DomainException.FieldProblem::field).containsExactly("page"));
        assertThat(mvc.get().uri("/api/v1/imports/" + job.id() + "/problems").param("page", "1").param("size", "3")
                .with(TestCallers.as(CLERK))).hasStatusOk().bodyJson()
                .satisfies(json -> {
                    assertThat(json).extractingPath("$.total").isEqualTo(5);
                    assertThat(json).extractingPath("$.page").isEqualTo(1);
                    assertThat(json).extractingPath("$.size").isEqualTo(3);
                    assertThat(json).extractingPath("$.items.length()").isEqualTo(2);
                });
        assertThat(mvc.get().uri("/api/v1/imports/" + job.id() + "/refused-rows").param("size", "100000")
                .with(TestCallers.as(CLERK))).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("size");
    }

    /** Issue 11, item 4: a header of many unknown columns makes a bounded list of warnings, not one per column. */
    @Test
    void aHeaderOfManyUnknownColumnsMakesABoundedListOfWarnings() throws Exception {
        StringBuilder header = new StringBuilder("household,villageCode,category,name,idNumber,relation");
        for (int i = 0; i < 900; i++) {
            header.append(",extra").append(i);
        }
        String csv = header + "\nW," + VILLAGE + ",GENERAL,宽表," + id(true) + ",HEAD\n";
        ImportJob job = importAndWait("wide.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(job.householdsAdded()).isEqualTo(1);
        assertThat(job.warnings()).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo("import.columns.ignored");
            assertThat(w.args().getFirst()).isEqualTo("900");
        });
        // The list of jobs carries counts and these few warnings, never problems.
        assertThat(mvc.get().uri("/api/v1/imports").with(TestCallers.as(CLERK))).hasStatusOk().bodyJson()
                .satisfies(json -> assertThat(json).extractingPath("$[0].warnings.length()").isEqualTo(1))
                .doesNotHavePath("$[0].problems");
    }

    /** Issue 11, item 4: the job's page shows its problems a page at a time, with links to the others. */
    @Test
    void theImportPageShowsProblemsAPageAtATime() throws Exception {
        String same = id(true);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 150; i++) { // each row twice wrong: its category, and a number the other rows hold too
            csv.append("Q").append(i).append(',').append(VILLAGE).append(",NOT_A_CATEGORY,,,,,,同号,").append(same).append(",HEAD,,,,\n");
        }
        ImportJob job = importAndWait("pages.csv", csv.toString().getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(imports.problems(job.id(), 0, 1).total()).isEqualTo(300);

        assertThat(mvc.get().uri("/imports/" + job.id()).with(TestCallers.as(CLERK))).hasStatusOk().bodyText()
                .contains("id=\"problems-next\"", "/imports/" + job.id() + "?page=1", "Page 1 of 2 (300 problems)")
                .doesNotContain("id=\"problems-previous\"");
        assertThat(mvc.get().uri("/imports/" + job.id()).param("page", "1").with(TestCallers.as(CLERK))).hasStatusOk().bodyText()
                .contains("id=\"problems-previous\"", "Page 2 of 2 (300 problems)").doesNotContain("id=\"problems-next\"");
    }

    @Test
    void keepsTheFilesHouseholdNumberAsTheReferenceUniqueWithinTheCountyAndExportsIt() throws Exception {
        String head = id(true);
        String wife = id(false);
        String csv = HEADER + run + "R1," + VILLAGE + ",GENERAL,,,,,,编号," + head + ",HEAD,,,,\n"
                + run + "R1,,,,,,,,编号妻," + wife + ",SPOUSE,,,,\n";
        ImportJob job = importAndWait("numbers.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(job.householdsAdded()).isEqualTo(1);
        long household = jdbc.sql("select household_id from member where id_number = :id").param("id", head).query(Long.class).single();
        assertThat(households.get(household).externalRef()).isEqualTo(run + "R1");
        assertThat(households.search(new Households.Query(null, null, null, null, null, null, null, null, 0, 10, run + "R1"))
                .households()).extracting(s -> s.id(), s -> s.externalRef()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(household, run + "R1"));

        // The same file again: the same household, left as it is with its reference.
        ImportJob again = importAndWait("numbers.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(again.householdsUnchanged()).isEqualTo(1);
        assertThat(again.rowsRefused()).isZero();
        assertThat(households.get(household).externalRef()).isEqualTo(run + "R1");

        // Another household of the county under the same number is refused, naming the column; one of another county enters.
        String other = id(true);
        ImportJob taken = importAndWait("taken.csv", (HEADER + run + "R1," + VILLAGE + ",GENERAL,,,,,,别户," + other + ",HEAD,,,,\n")
                .getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(taken.householdsAdded()).isZero();
        assertThat(problems(taken.id())).extracting(ImportProblem::rowNumber, ImportProblem::column, ImportProblem::code,
                ImportProblem::args).containsExactly(org.assertj.core.groups.Tuple.tuple(2, "household", "reference-registered",
                List.of(run + "R1")));
        TestCallers.signIn(OTHER_COUNTY);
        String panlong = TestPeople.newIdNumber(jdbc, "530103", true);
        assertThat(importAndWait("panlong.csv", (HEADER + run + "R1,530103001001,GENERAL,,,,,,盘龙," + panlong + ",HEAD,,,,\n")
                .getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO").householdsAdded()).isEqualTo(1);
        TestCallers.signIn(CLERK);

        // A number longer than a reference may be is refused in its column.
        ImportJob tooLong = importAndWait("long.csv", (HEADER + "L".repeat(51) + "," + VILLAGE + ",GENERAL,,,,,,长号," + id(true)
                + ",HEAD,,,,\n").getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(problems(tooLong.id())).extracting(ImportProblem::column, ImportProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("household", "too-long"));

        // Exported in its own column, after the import's, in both formats.
        Households.Query byId = new Households.Query(null, null, head, null, null, null, null, null, 0, 1);
        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        exports.export(byId, FileFormat.CSV, Locale.ENGLISH, exported);
        List<String> lines = exported.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).endsWith(",Household number (own register)");
        assertThat(lines.get(1)).endsWith("," + run + "R1");
        ByteArrayOutputStream workbook = new ByteArrayOutputStream();
        exports.export(byId, FileFormat.XLSX, Locale.SIMPLIFIED_CHINESE, workbook);
        try (var read = new org.dhatim.fastexcel.reader.ReadableWorkbook(new ByteArrayInputStream(workbook.toByteArray()))) {
            List<org.dhatim.fastexcel.reader.Row> rows = read.getSheets().toList().get(0).read();
            assertThat(rows.get(0).getCellText(1)).isEqualTo("本地户编号");
            assertThat(rows.get(1).getCellText(1)).isEqualTo(run + "R1");
        }
        // Such an export imported again is the same household again, its reference column skipped without a warning.
        ImportJob reimported = importAndWait("export.csv", exported.toByteArray(), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(reimported.householdsUnchanged()).isEqualTo(1);
        assertThat(reimported.warnings()).isEmpty();
    }

    @Test
    void aHouseholdUploadedAgainWithoutAReferenceTakesTheFilesNumber() throws Exception {
        String head = id(true);
        // Recorded before households kept a reference: typed without one.
        long household = households.create(new HouseholdForm(VILLAGE, null, null, null, "GENERAL", null, List.of(), null, null,
                null, null, null, java.util.Map.of(), List.of(new HouseholdForm.MemberForm("旧户", head, "HEAD", null, null, null,
                null, null, null, null, null, null, null, null))), null).id();
        assertThat(households.get(household).externalRef()).isNull();

        String csv = HEADER + run + "OLD," + VILLAGE + ",GENERAL,,,,,,旧户," + head + ",HEAD,,,,\n";
        ImportJob again = importAndWait("old.csv", csv.getBytes(StandardCharsets.UTF_8), ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(again.householdsUnchanged()).isEqualTo(1);
        assertThat(again.householdsAdded()).isZero();
        assertThat(households.get(household).externalRef()).isEqualTo(run + "OLD");
        assertThat(households.get(household).version()).isEqualTo(1);
        assertThat(jdbc.sql("select after ->> 'externalRef' from audit_event where entity = 'household' and entity_id = :id"
                        + " and action = 'reference'").param("id", Long.toString(household)).query(String.class).list())
                .containsExactly(run + "OLD");

        // Once it has one, another upload under another number leaves it as it is.
        importAndWait("other.csv", csv.replace(run + "OLD", run + "NEW").getBytes(StandardCharsets.UTF_8),
                ImportJob.Mode.VALID_ROWS, "AUTO");
        assertThat(households.get(household).externalRef()).isEqualTo(run + "OLD");
    }
}
