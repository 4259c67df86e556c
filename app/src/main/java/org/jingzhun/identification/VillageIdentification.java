package org.jingzhun.identification;

import java.io.InputStream;
import java.util.List;

/**
 * The identification of poor villages, "one high, one low, one none", within the caller's areas: the figures of
 * the villages and the provincial averages of a year, the assessment of every village of a province with the
 * grounds, and the procedure of {@link Procedure#VILLAGE} that the candidates go through.
 */
public interface VillageIdentification {

    /** Records a village's figures of a year (data entry of the village to the county, or administrators). */
    VillageFigures saveFigures(VillageFigures figures);

    /**
     * Records the figures of many villages from a CSV file ({@code village_code,rural_residents,per_capita_income,
     * collective_income}), all or none: a file with any problem is refused with each problem by line.
     * The character set of a CSV file is detected; the file may be an XLSX workbook too.
     */
    int importFigures(int year, InputStream csv);

    /**
     * Records the figures of many villages of a year from a CSV file (UTF-8 or GB18030; {@code charset} null or AUTO to
     * detect it) or an XLSX workbook, read by the interchange's table reader: the columns village code, rural residents,
     * per capita income and collective income, under a header naming them in any order or, without one, in that order.
     * All or none: a file with any problem is refused with every problem named by row, column and reason.
     */
    int importFigures(int year, InputStream content, String charset);

    /** Writes the XLSX template of a file of village figures, headed in {@code locale}, with an example row imports skip. */
    void writeFiguresTemplate(java.util.Locale locale, java.io.OutputStream out) throws java.io.IOException;

    /** A village's figures of a year, empty where none were entered. */
    VillageFigures figures(String villageCode, int year);

    /** Sets how a province's averages of a year are had: entered (with both figures) or computed from the registry. */
    ProvinceAverages setAverages(ProvinceAverages averages);

    /** Assesses every administrative village of a province for a year and keeps the result (reviewers and administrators). */
    Assessment assess(String provinceCode, int year);

    /** The last assessment of a province for a year, if any; not found for a caller bound neither in nor above the province. */
    java.util.Optional<Assessment> assessment(String provinceCode, int year);

    /** The villages inside an area as last assessed for a year, candidates first or only, one page. */
    List<VillageAssessment> assessedVillages(String areaCode, int year, boolean candidatesOnly, int page, int size);

    /**
     * Starts the procedure of a year for villages, all or none. A village that is not a candidate in the last
     * assessment needs the exception that allows it.
     */
    StepResult apply(List<String> villageCodes, int year, String exception, String note);

    /** As above, the villages having applied on {@code day} (today when null; never in the future). */
    StepResult apply(List<String> villageCodes, int year, java.time.LocalDate day, String exception, String note);

    /** Makes a step of {@link Procedure#VILLAGE} for the village cases named, all or none. */
    StepResult step(StepRequest request);

    /** One village case inside the caller's areas. */
    VillageCase villageCase(long id);

    /** The village cases of a year inside an area, optionally at one stage. */
    List<VillageCase> cases(String areaCode, int year, Stage stage);

    /** The poor villages of a year inside an area: those announced. */
    List<String> poorVillages(String areaCode, int year);
}
