package org.jingzhun.area.internal;

import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jingzhun.area.CountyAttribute;
import org.jingzhun.area.CountyAttributes;
import org.jingzhun.area.Counties;
import org.jingzhun.area.DestituteArea;
import org.jingzhun.area.Region;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.platform.table.StagedImports;
import org.jingzhun.platform.table.TableColumn;
import org.jingzhun.platform.table.TableImport;
import org.jingzhun.platform.table.TableKind;
import org.jingzhun.platform.table.TableProblem;
import org.jingzhun.platform.table.UploadedTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** County attributes in {@code county_attribute}; a county without a row has none of them. */
@Service
class CountyRegister implements Counties {

    private static final String SELECT = """
            select a.code, a.name, coalesce(c.national_key, false) as national_key, coalesce(c.poor, false) as poor,
                   c.destitute_area, coalesce(c.provincial_key, false) as provincial_key, c.region
              from area a left join county_attribute c on c.county_code = a.code
             where a.level = 3 and a.retired_at is null
            """;

    /**
     * A list of counties as a kind of file of the staged import: county codes in the first column (or the one headed
     * code), a header optional, further columns allowed. A list of the country's counties fits many times over.
     */
    static final TableKind LIST = new TableKind("county-list",
            List.of(TableColumn.text("code", "County code", "县代码", true, 20)),
            new UploadedTable.Limits(4L << 20, 10_000, 5, 200),
            values -> values.get("code") instanceof String code && !code.matches("\\d{6}")
                    ? List.of(new TableProblem("code", "not-a-county", "county.import.not-a-county", List.of(code)))
                    : List.of(),
            List.of("""
                    select s.row_number, 'code', 'unknown-county', 'county.import.unknown', array[s.code]
                      from pg_temp.staged s
                     where s.code ~ '^[0-9]{6}$'
                       and not exists (select 1 from area a where a.code = s.code and a.level = 3 and a.retired_at is null
                                          and exists (select 1 from unnest(:areas::text[]) z where a.code like z || '%'))"""),
            null, true);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final StagedImports imports;

    CountyRegister(JdbcClient jdbc, AuditTrail audit, StagedImports imports) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.imports = imports;
    }

    /** A county the caller reaches; others are absent for it. */
    @Override
    public CountyAttributes get(String countyCode) {
        return jdbc.sql(SELECT + " and a.code = :code").param("code", countyCode).query(this::row).optional()
                .filter(county -> Caller.required().reaches(county.countyCode()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "county.not-found", countyCode));
    }

    @Override
    public List<CountyAttributes> inside(String areaCode) {
        Caller.Restriction scope = Caller.required().restrict("a.code");
        return jdbc.sql(SELECT + " and a.code like :prefix and " + scope.sql() + " order by a.code")
                .params(scope.parameters())
                .param("prefix", AreaDirectory.likeEscape(areaCode) + "%").query(this::row).list();
    }

    @Override
    @Transactional
    public CountyAttributes update(String countyCode, boolean nationalKey, boolean poor, String destituteArea,
                                   boolean provincialKey, Region region) {
        Caller.required().requireAny(Role.ADMINISTRATOR);
        CountyAttributes before = get(countyCode);
        List<FieldProblem> problems = new ArrayList<>();
        String area = destituteArea == null || destituteArea.isBlank() ? null : destituteArea;
        if (area != null && !destituteAreaExists(area)) {
            problems.add(new FieldProblem("destituteArea", "unknown", "county.destitute-area.unknown", area));
        }
        if (!poor && (nationalKey || area != null)) {
            problems.add(new FieldProblem("poor", "required", "county.poor.required"));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        jdbc.sql("""
                insert into county_attribute (county_code, national_key, poor, destitute_area, provincial_key, region)
                values (:code, :nationalKey, :poor, :area, :provincialKey, :region)
                on conflict (county_code) do update
                   set national_key = excluded.national_key, poor = excluded.poor,
                       destitute_area = excluded.destitute_area, provincial_key = excluded.provincial_key,
                       region = excluded.region, updated_at = now()""")
                .param("code", countyCode).param("nationalKey", nationalKey).param("poor", poor)
                .param("area", area).param("provincialKey", provincialKey)
                .param("region", region == null ? null : region.name())
                .update();
        CountyAttributes after = get(countyCode);
        audit.record("county", countyCode, "update", before, after, null, countyCode);
        return after;
    }

    @Override
    @Transactional
    public ImportResult importList(CountyAttribute attribute, String value, boolean replace, InputStream csv) {
        Caller.required().requireAny(Role.ADMINISTRATOR);
        String setting = checkedValue(attribute, value);
        ImportResult[] result = new ImportResult[1];
        TableImport imported = imports.run(LIST.writing(accepted -> {
            result[0] = apply(attribute, setting, replace, jdbc.sql("select distinct code from " + accepted + " order by code")
                    .query(String.class).list());
            return result[0].changed() + result[0].cleared();
        }), "county-list.csv", csv, null, StagedImports.Mode.ALL_OR_NOTHING);
        if (!imported.clean()) {
            // As the list was always refused: the lines that are no county codes first, then those of no county.
            List<FieldProblem> problems = new ArrayList<>();
            for (TableImport.RefusedRow row : imported.refusedRows()) {
                for (TableProblem problem : row.problems()) {
                    List<Object> args = new ArrayList<>(List.of((long) row.rowNumber()));
                    args.addAll(problem.args());
                    problems.add(new FieldProblem("line " + row.rowNumber(), problem.code(), problem.key(), args.toArray()));
                }
            }
            problems.sort(java.util.Comparator.comparing(p -> !p.code().equals("not-a-county")));
            throw DomainException.invalid(problems);
        }
        return result[0];
    }

    /** Gives the listed counties the attribute (and, replacing, takes it from the others of the caller's), audited. */
    private ImportResult apply(CountyAttribute attribute, String setting, boolean replace, List<String> codes) {
        List<FieldProblem> problems = new ArrayList<>();
        if (codes.isEmpty()) {
            problems.add(new FieldProblem("file", "empty", "county.import.empty"));
        }
        Caller.Restriction scope = Caller.required().restrict("county_code");
        String[] listed = codes.toArray(String[]::new);
        if (attribute == CountyAttribute.POOR && replace) {
            jdbc.sql("select county_code from county_attribute"
                            + " where (national_key or destitute_area is not null) and county_code <> all(:codes)"
                            + " and " + scope.sql() + " order by county_code limit 100")
                    .params(scope.parameters()).param("codes", listed).query(String.class).list()
                    .forEach(code -> problems.add(new FieldProblem("file", "must-stay-poor", "county.import.must-stay-poor", code)));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        jdbc.sql("insert into county_attribute (county_code) select unnest(:codes::varchar[]) on conflict do nothing")
                .param("codes", listed).update();
        List<String> changing = jdbc.sql("select county_code from county_attribute where county_code = any(:codes) and not ("
                        + holds(attribute) + ")")
                .param("codes", listed).param("value", setting).query(String.class).list();
        List<String> clearing = !replace ? List.of() : jdbc.sql("select county_code from county_attribute"
                        + " where county_code <> all(:codes) and " + holds(attribute) + " and " + scope.sql())
                .params(scope.parameters()).param("codes", listed).param("value", setting).query(String.class).list();
        Map<String, CountyAttributes> before = byCode(changing, clearing);
        jdbc.sql("update county_attribute set " + assignment(attribute) + ", updated_at = now() where county_code = any(:codes)")
                .param("codes", changing.toArray(String[]::new)).param("value", setting).update();
        jdbc.sql("update county_attribute set " + clearing(attribute) + ", updated_at = now() where county_code = any(:codes)")
                .param("codes", clearing.toArray(String[]::new)).param("value", setting).update();
        Map<String, CountyAttributes> after = byCode(changing, clearing);
        String reason = "import of the list for " + attribute + (setting.isEmpty() ? "" : " " + setting) + (replace ? ", replacing" : "");
        after.forEach((code, county) -> audit.record("county", code, "import", before.get(code), county, reason, code));
        return new ImportResult(attribute, codes.size(), changing.size(), clearing.size());
    }

    private Map<String, CountyAttributes> byCode(List<String> changing, List<String> clearing) {
        List<String> codes = new ArrayList<>(changing);
        codes.addAll(clearing);
        Map<String, CountyAttributes> byCode = new TreeMap<>();
        jdbc.sql(SELECT + " and a.code = any(:codes)").param("codes", codes.toArray(String[]::new))
                .query(this::row).list().forEach(county -> byCode.put(county.countyCode(), county));
        return byCode;
    }

    @Override
    public void writeListTemplate(java.util.Locale locale, java.io.OutputStream out) throws java.io.IOException {
        // No caller asked: the body is written after the request's thread let go, and a template holds no data.
        org.jingzhun.platform.table.TableTemplate.write(out, "zh".equals(locale.getLanguage()) ? "县名单" : "Counties",
                LIST.columns(), locale, Map.of(), null, null);
    }

    @Override
    public List<DestituteArea> destituteAreas() {
        return jdbc.sql("select code, name_zh, name_en from destitute_area order by name_en")
                .query((rs, i) -> new DestituteArea(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    private String checkedValue(CountyAttribute attribute, String value) {
        String v = value == null ? "" : value.strip();
        boolean valid = switch (attribute) {
            case DESTITUTE_AREA -> destituteAreaExists(v);
            case REGION -> Region.parse(v) != null;
            default -> true;
        };
        if (!valid) {
            throw DomainException.invalid(List.of(new FieldProblem("value", "invalid", "county.import.value", attribute, v)));
        }
        return v;
    }

    /** The SQL condition "the county has the attribute", with :value where it needs one. */
    private static String holds(CountyAttribute attribute) {
        return switch (attribute) {
            case NATIONAL_KEY -> "national_key";
            case POOR -> "poor";
            case DESTITUTE_AREA -> "coalesce(destitute_area = :value, false)";
            case PROVINCIAL_KEY -> "provincial_key";
            case REGION -> "coalesce(region = :value, false)";
        };
    }

    /** Giving the attribute; key counties and destitute-area counties are poor by definition. */
    private static String assignment(CountyAttribute attribute) {
        return switch (attribute) {
            case NATIONAL_KEY -> "national_key = true, poor = true";
            case POOR -> "poor = true";
            case DESTITUTE_AREA -> "destitute_area = :value, poor = true";
            case PROVINCIAL_KEY -> "provincial_key = true";
            case REGION -> "region = :value";
        };
    }

    private static String clearing(CountyAttribute attribute) {
        return switch (attribute) {
            case NATIONAL_KEY -> "national_key = false";
            case POOR -> "poor = false";
            case DESTITUTE_AREA -> "destitute_area = null";
            case PROVINCIAL_KEY -> "provincial_key = false";
            case REGION -> "region = null";
        };
    }

    private boolean destituteAreaExists(String code) {
        return jdbc.sql("select count(*) from destitute_area where code = :code").param("code", code).query(Integer.class).single() > 0;
    }

    private CountyAttributes row(ResultSet rs, int rowNum) throws SQLException {
        String code = rs.getString("code");
        String region = rs.getString("region");
        return new CountyAttributes(code, rs.getString("name"), rs.getBoolean("national_key"), rs.getBoolean("poor"),
                rs.getString("destitute_area"), rs.getBoolean("provincial_key"),
                region == null ? Region.ofProvince(code) : Region.valueOf(region), region != null);
    }
}
