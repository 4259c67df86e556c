package org.jingzhun.area.web;

import static org.assertj.core.api.Assertions.assertThat;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.annotation.Transactional;

/** Setting county attributes one by one and importing a list for one attribute. */
@JingzhunTest
@Transactional
class CountyApiTest {

    private static final RequestPostProcessor ADMIN = TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR);

    @Autowired
    MockMvcTester mvc;

    @Test
    void aCountyStartsWithoutAttributesAndTheRegionOfItsProvince() {
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/530102")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.countyName", v -> v.assertThat().isEqualTo("五华区"))
                .hasPathSatisfying("$.poor", v -> v.assertThat().isEqualTo(false))
                .hasPathSatisfying("$.region", v -> v.assertThat().isEqualTo("WEST"))
                .hasPathSatisfying("$.regionSet", v -> v.assertThat().isEqualTo(false));
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/130534")).bodyJson().extractingPath("$.region").isEqualTo("EAST");
    }

    @Test
    void setsTheAttributesOfOneCounty() {
        assertThat(put("530102", """
                {"nationalKey": true, "poor": true, "destituteArea": "WUMENG", "provincialKey": false, "region": "CENTRAL"}"""))
                .hasStatusOk();
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/530102")).bodyJson()
                .hasPathSatisfying("$.nationalKey", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.destituteArea", v -> v.assertThat().isEqualTo("WUMENG"))
                .hasPathSatisfying("$.region", v -> v.assertThat().isEqualTo("CENTRAL"))
                .hasPathSatisfying("$.regionSet", v -> v.assertThat().isEqualTo(true));
    }

    @Test
    void aKeyCountyThatIsNotPoorIsRefusedNamingTheField() {
        assertThat(put("530102", """
                {"nationalKey": true, "poor": false, "destituteArea": "NOWHERE"}"""))
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[*].field", v -> v.assertThat().asArray().containsExactlyInAnyOrder("poor", "destituteArea"));
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/530102")).bodyJson().extractingPath("$.nationalKey").isEqualTo(false);
    }

    @Test
    void onlyCountiesHaveCountyAttributes() {
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/5301")).hasStatus(404);
        assertThat(put("530102001", "{\"poor\": true}")).hasStatus(404);
    }

    @Test
    void importsAListOfPoorCounties() {
        assertThat(importList("POOR", "", false, "code,name\n530102,五华区\n530103,盘龙区\n\n530102\n"))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.listed", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.changed", v -> v.assertThat().isEqualTo(2));
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties").param("area", "5301")).bodyJson()
                // Kunming's counties of the shipped poor list (东川区, 禄劝, 寻甸) are poor since first start too.
                .extractingPath("$[?(@.poor == true)].countyCode").asArray().containsExactly("530102", "530103", "530113", "530128", "530129");
    }

    @Test
    void theListTemplateFilledInIsImportedWithoutItsExampleRow() throws Exception {
        var template = mvc.get().with(ADMIN).uri("/counties/list-template").param("lang", "zh_CN").exchange();
        assertThat(template).hasStatusOk();
        java.io.ByteArrayOutputStream filled = new java.io.ByteArrayOutputStream();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(template.getResponse().getContentAsByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("县代码");
            assertThat(sheet.getColumnStyle(0).getDataFormatString()).isEqualTo("@");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(org.jingzhun.platform.table.TableTemplate.EXAMPLE);
            sheet.createRow(2).createCell(0).setCellValue("530102");
            workbook.write(filled);
        }
        assertThat(mvc.post().with(ADMIN).with(csrf()).uri("/counties/import").multipart()
                .file(new org.springframework.mock.web.MockMultipartFile("file", "list.xlsx", null, filled.toByteArray()))
                .param("attribute", "POOR").param("area", "53")).hasStatus3xxRedirection()
                .flash().hasEntrySatisfying("imported", imported -> assertThat(imported)
                        .isEqualTo(new org.jingzhun.area.Counties.ImportResult(org.jingzhun.area.CountyAttribute.POOR, 1, 1, 0)));
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/530102")).bodyJson().extractingPath("$.poor").isEqualTo(true);
    }

    @Test
    void aListWithABadLineIsRefusedWholeNamingTheLine() {
        assertThat(importList("POOR", "", false, "530102\n530103\n999999\n5301\n"))
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[*].field", v -> v.assertThat().asArray().containsExactly("line 4", "line 3"));
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/530102")).bodyJson().extractingPath("$.poor").isEqualTo(false);
    }

    @Test
    void destituteAreaMembersArePoorAndReplaceClearsThoseNotListed() {
        assertThat(importList("DESTITUTE_AREA", "WUMENG", false, "530102\n530103\n")).hasStatusOk();
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/530103")).bodyJson().extractingPath("$.poor").isEqualTo(true);

        assertThat(importList("DESTITUTE_AREA", "WUMENG", true, "530103\n")).hasStatusOk().bodyJson()
                .extractingPath("$.cleared").isEqualTo(1);
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/530102")).bodyJson().extractingPath("$.destituteArea").isNull();
        assertThat(importList("DESTITUTE_AREA", "ATLANTIS", false, "530103\n")).hasStatus(400);
    }

    @Test
    void replacingThePoorListCannotDropAKeyCounty() {
        assertThat(importList("NATIONAL_KEY", "", false, "530102\n")).hasStatusOk();
        assertThat(importList("POOR", "", true, "530103\n")).hasStatus(400).bodyJson()
                .extractingPath("$.errors[0].message").asString().contains("530102");
    }

    @Test
    void thePageShowsAProblemNextToTheFieldAndSaves() {
        assertThat(mvc.post().with(ADMIN).with(csrf()).uri("/counties/530102").param("nationalKey", "true").param("lang", "en"))
                .hasStatusOk().bodyText().contains("is-invalid",
                        "A national key county or a county of a contiguous destitute area is a poor county.");
        assertThat(mvc.post().with(ADMIN).with(csrf()).uri("/counties/530102").param("nationalKey", "true").param("poor", "true"))
                .hasStatus3xxRedirection();
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/530102")).bodyJson().extractingPath("$.nationalKey").isEqualTo(true);
    }

    @Test
    void thePageImportsAListAndReportsBadLines() {
        var good = new org.springframework.mock.web.MockMultipartFile("file", "poor.csv", "text/csv", "530102\n".getBytes());
        assertThat(mvc.post().with(ADMIN).with(csrf()).uri("/counties/import").multipart().file(good).param("attribute", "POOR").param("area", "5301"))
                .hasStatus3xxRedirection().flash().containsKey("imported");
        var bad = new org.springframework.mock.web.MockMultipartFile("file", "poor.csv", "text/csv", "530103\n12\n".getBytes());
        assertThat(mvc.post().with(ADMIN).with(csrf()).uri("/counties/import").multipart().file(bad).param("attribute", "POOR"))
                .hasStatus3xxRedirection().flash().containsKey("importProblems");
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/counties/530103")).bodyJson().extractingPath("$.poor").isEqualTo(false);
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult put(String code, String json) {
        return mvc.put().with(ADMIN).with(csrf()).uri("/api/v1/counties/" + code).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult importList(String attribute, String value,
                                                                                  boolean replace, String csv) {
        return mvc.post().with(ADMIN).with(csrf()).uri("/api/v1/counties/import").param("attribute", attribute).param("value", value)
                .param("replace", String.valueOf(replace)).contentType("text/csv").content(csv).exchange();
    }
}
