package org.jingzhun.area;

import java.io.InputStream;
import java.util.List;

/** The attributes of county-level areas: reading, setting one county, importing a list for one attribute. */
public interface Counties {

    /** The attributes of a county; refused when the code is not an active county-level area. */
    CountyAttributes get(String countyCode);

    /** The counties inside an area (a prefix; {@link Areas#NATION} for all) with their attributes. */
    List<CountyAttributes> inside(String areaCode);

    /** Sets all attributes of one county; {@code region} null means "as its province". */
    CountyAttributes update(String countyCode, boolean nationalKey, boolean poor, String destituteArea,
                            boolean provincialKey, Region region);

    /**
     * Gives the attribute to every county listed in the CSV (UTF-8, one county code per line; a header line and
     * further columns are allowed). {@code value} names the destitute area or region where the attribute needs
     * one. With {@code replace}, counties not listed lose it. All or nothing: any bad line refuses the whole list.
     */
    ImportResult importList(CountyAttribute attribute, String value, boolean replace, InputStream csv);

    /**
     * Writes the XLSX template of a county list (the column of county codes, headed in {@code locale}, as text, and an
     * example row that {@link #importList} skips).
     */
    void writeListTemplate(java.util.Locale locale, java.io.OutputStream out) throws java.io.IOException;

    List<DestituteArea> destituteAreas();

    /** What an import changed. */
    record ImportResult(CountyAttribute attribute, int listed, int changed, int cleared) {
    }
}
