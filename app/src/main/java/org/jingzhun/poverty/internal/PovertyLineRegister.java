package org.jingzhun.poverty.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.Areas;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.poverty.PovertyLine;
import org.jingzhun.poverty.PovertyLines;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Poverty lines in {@code poverty_line}. */
@Service
class PovertyLineRegister implements PovertyLines {

    static final int FIRST_YEAR = 1978;
    static final int LAST_YEAR = 2100;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");

    private final JdbcClient jdbc;
    private final Areas areas;
    private final AuditTrail audit;

    PovertyLineRegister(JdbcClient jdbc, Areas areas, AuditTrail audit) {
        this.jdbc = jdbc;
        this.areas = areas;
        this.audit = audit;
    }

    @Override
    public PovertyLine lineFor(String provinceCode, int year) {
        if (provinceCode == null || !isProvince(provinceCode)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "area.not-found", String.valueOf(provinceCode));
        }
        return jdbc.sql("""
                select id, province_code, year, amount, note from poverty_line
                 where year = :year and (province_code = :province or province_code is null)
                 order by province_code nulls last limit 1""")
                .param("year", year).param("province", provinceCode).query(this::row).optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "poverty-line.none",
                        year, areas.get(provinceCode).name()));
    }

    @Override
    public List<PovertyLine> list(String provinceCode) {
        return jdbc.sql("""
                select id, province_code, year, amount, note from poverty_line
                 where :province::text is null or province_code is null or province_code = :province
                 order by year desc, province_code nulls first""")
                .param("province", provinceCode == null || provinceCode.isBlank() ? null : provinceCode)
                .query(this::row).list();
    }

    @Override
    @Transactional
    public PovertyLine add(String provinceCode, Integer year, BigDecimal amount, String note) {
        String province = provinceCode == null || provinceCode.isBlank() ? null : provinceCode.strip();
        Caller caller = Caller.required();
        caller.requireAny(Role.ADMINISTRATOR);
        if (province == null && !caller.national()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "poverty-line.national-only");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (province != null && !(isProvince(province) && caller.reaches(province))) {
            problems.add(new FieldProblem("provinceCode", "unknown", "poverty-line.province.unknown", province));
        }
        if (year == null) {
            problems.add(new FieldProblem("year", "required", "poverty-line.year.required"));
        } else if (year < FIRST_YEAR || year > LAST_YEAR) {
            problems.add(new FieldProblem("year", "range", "poverty-line.year.range", FIRST_YEAR, LAST_YEAR));
        }
        if (amount == null) {
            problems.add(new FieldProblem("amount", "required", "poverty-line.amount.required"));
        } else if (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0 || Math.max(amount.scale(), 0) > 2) {
            problems.add(new FieldProblem("amount", "range", "poverty-line.amount.range"));
        }
        if (problems.isEmpty() && province != null) {
            // Provinces may set a higher line than the nation's, never a lower one.
            jdbc.sql("select amount from poverty_line where province_code is null and year = :year")
                    .param("year", year).query(BigDecimal.class).optional()
                    .filter(national -> amount.compareTo(national) < 0)
                    .ifPresent(national -> problems.add(new FieldProblem("amount", "below-national",
                            "poverty-line.amount.below-national", national, year)));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        PovertyLine added = jdbc.sql("""
                insert into poverty_line (province_code, year, amount, note) values (:province, :year, :amount, :note)
                on conflict do nothing
                returning id, province_code, year, amount, note""")
                .param("province", province).param("year", year).param("amount", amount)
                .param("note", note == null || note.isBlank() ? null : note.strip())
                .query(this::row).optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.CONFLICT,
                        List.of(new FieldProblem("year", "duplicate", "poverty-line.duplicate", year)),
                        "poverty-line.duplicate", year));
        audit.record("poverty-line", Long.toString(added.id()), "create", null, added, null, province == null ? "" : province);
        return added;
    }

    private boolean isProvince(String code) {
        return code.length() == AreaLevel.PROVINCE.codeLength()
                && areas.find(code).filter(area -> !area.retired()).isPresent();
    }

    private PovertyLine row(ResultSet rs, int rowNum) throws SQLException {
        return new PovertyLine(rs.getLong("id"), rs.getString("province_code"), rs.getInt("year"),
                rs.getBigDecimal("amount"), rs.getString("note"));
    }
}
