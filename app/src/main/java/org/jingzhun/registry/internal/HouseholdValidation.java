package org.jingzhun.registry.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdForm;
import org.jingzhun.registry.HouseholdForm.MemberForm;
import org.jingzhun.registry.Member;
import org.jingzhun.registry.ResidentId;

/**
 * The checks of a household form that need no database: each problem names its field. The checks against
 * stored data (village, causes, people registered elsewhere) are the register's.
 */
public final class HouseholdValidation {

    static final BigDecimal MAX_INCOME = new BigDecimal("1000000");
    /** Bounds of a household's lists: no real household comes near them; they keep a request's work bounded. */
    static final int MAX_MEMBERS = org.jingzhun.registry.HouseholdForm.MAX_MEMBERS;
    static final int MAX_INCOME_YEARS = 50;
    /** A cause code's length in the code list's own check ({@code ^[A-Z][A-Z_]{1,39}$}). */
    static final int MAX_CAUSE_CODE = 40;
    /** Other causes: each code once, so that known codes are at most the list's length; this caps the work before that. */
    static final int MAX_OTHER_CAUSES = 100;

    /** A member that passed the checks, with sex and birth date settled from the ID number. */
    public record CheckedMember(MemberForm form, ResidentId id, Member.Relation relation, Member.Health health) {
    }

    private final List<FieldProblem> problems = new ArrayList<>();
    /** Whether a value was refused that must not reach a query (NUL, or a list past its bound). */
    private boolean unsafe;

    public List<FieldProblem> problems() {
        return problems;
    }

    void refuseIfAny() {
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
    }

    void add(String field, String code, String key, Object... args) {
        problems.add(new FieldProblem(field, code, key, args));
    }

    /** Whether the form's values may be looked up in the database (village, causes, people) to check them further. */
    boolean safeForQueries() {
        return !unsafe;
    }

    /**
     * A text field within its column's length (in characters, as PostgreSQL counts them) and free of characters no
     * one types: NUL anywhere, other control characters outside multi-line text, and bidirectional overrides, which
     * make a name read differently from what it is.
     */
    void text(String field, String value, int limit, boolean multiLine) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\0') >= 0) {
            unsafe = true;
            add(field, "control-character", "text.control-character");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (bidiControl(c) || (Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\r' || c == '\t')))) {
                add(field, bidiControl(c) ? "bidi-control" : "control-character",
                        bidiControl(c) ? "text.bidi-control" : "text.control-character");
                return;
            }
        }
        String stored = value.strip();
        if (stored.codePointCount(0, stored.length()) > limit) {
            add(field, "too-long", "household.too-long", limit);
        }
    }

    /** The invisible marks and overrides that change the direction of text (Unicode bidirectional controls). */
    private static boolean bidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    public Household.Category category(String text) {
        for (Household.Category category : Household.Category.values()) {
            if (category.name().equals(text)) {
                return category;
            }
        }
        add("category", text == null || text.isBlank() ? "required" : "unknown", "household.category.invalid");
        return null;
    }

    public void circumstances(HouseholdForm form) {
        text("villageCode", form.villageCode(), 12, false);
        text("mainCause", form.mainCause(), MAX_CAUSE_CODE, false);
        causes(form.otherCauses());
        text("housingGrade", form.housingGrade(), 1, false);
        if (form.housingGrade() != null && !form.housingGrade().isBlank() && !Household.HOUSING_GRADES.contains(form.housingGrade())) {
            add("housingGrade", "unknown", "household.housing-grade.invalid", form.housingGrade());
        }
        if (form.bankAccount() != null && !form.bankAccount().isBlank() && !form.bankAccount().strip().matches("[0-9]{8,30}")) {
            add("bankAccount", "format", "household.bank-account.format");
        }
        text("phone", form.phone(), 30, false);
        text("address", form.address(), 200, false);
        text("groupName", form.groupName(), 100, false);
        text("production", form.production(), 2000, true);
        text("externalRef", form.externalRef(), HouseholdForm.EXTERNAL_REF_LENGTH, false);
        if (form.registeredYear() != null && (form.registeredYear() < 1978 || form.registeredYear() > org.jingzhun.platform.ChinaClock.thisYear())) {
            add("registeredYear", "range", "household.year.range", form.registeredYear());
        }
        Map<Integer, BigDecimal> incomes = form.incomes() == null ? Map.of() : form.incomes();
        if (incomes.size() > MAX_INCOME_YEARS) {
            unsafe = true;
            add("incomes", "too-many", "household.incomes.too-many", MAX_INCOME_YEARS);
            return;
        }
        for (Map.Entry<Integer, BigDecimal> income : incomes.entrySet()) {
            String field = "incomes[" + income.getKey() + "]";
            if (income.getKey() == null || income.getKey() < 1978 || income.getKey() > org.jingzhun.platform.ChinaClock.thisYear()) {
                add(field, "year", "household.year.range", income.getKey());
            } else if (income.getValue() == null || income.getValue().signum() < 0 || income.getValue().compareTo(MAX_INCOME) > 0
                    || Math.max(income.getValue().scale(), 0) > 2) {
                add(field, "range", "household.income.range", MAX_INCOME);
            }
        }
    }

    /** Other causes: codes, each once, as many as the list can hold. */
    private void causes(List<String> causes) {
        if (causes == null) {
            return;
        }
        if (causes.size() > MAX_OTHER_CAUSES) {
            unsafe = true;
            add("otherCauses", "too-many", "household.causes.too-many");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < causes.size(); i++) {
            String cause = causes.get(i);
            int before = problems.size();
            text("otherCauses", cause, MAX_CAUSE_CODE, false);
            if (problems.size() == before && cause != null && !seen.add(cause.strip())) {
                add("otherCauses", "duplicate", "household.causes.twice", cause.strip());
            }
        }
    }

    /** Members: at least one, exactly one head, valid and distinct ID numbers agreeing with sex and birth date. */
    List<CheckedMember> members(List<MemberForm> forms) {
        List<CheckedMember> checked = new ArrayList<>();
        if (forms == null || forms.isEmpty()) {
            add("members", "required", "household.members.required");
            return checked;
        }
        if (forms.size() > MAX_MEMBERS) {
            unsafe = true;
            add("members", "too-many", "household.members.too-many", MAX_MEMBERS);
            return checked;
        }
        Set<String> seen = new HashSet<>();
        int heads = 0;
        for (int i = 0; i < forms.size(); i++) {
            String at = "members[" + i + "].";
            CheckedMember member = member(forms.get(i), at);
            if (member != null && !seen.add(member.id().value())) {
                add(at + "idNumber", "duplicate-in-household", "member.id.twice", member.id().masked());
            } else if (member != null) {
                checked.add(member);
            }
            if (Member.Relation.HEAD.name().equals(forms.get(i).relation())) {
                heads++;
            }
        }
        if (heads != 1) {
            add("members", heads == 0 ? "no-head" : "several-heads", "household.members.one-head", heads);
        }
        return checked;
    }

    /** One member's checks, its fields named {@code at + field}; null when it has problems. */
    public CheckedMember member(MemberForm member, String at) {
        int before = problems.size();
        if (member.name() == null || member.name().isBlank()) {
            add(at + "name", "required", "member.name.required");
        } else {
            text(at + "name", member.name(), 50, false);
        }
        text(at + "ethnicity", member.ethnicity(), 20, false);
        text(at + "skills", member.skills(), 200, false);
        text(at + "migrantPlace", member.migrantPlace(), 100, false);

        ResidentId id = null;
        try {
            id = ResidentId.parse(member.idNumber(), at + "idNumber");
        } catch (DomainException e) {
            problems.addAll(e.fieldProblems());
        }
        Member.Relation relation = parse(Member.Relation.class, member.relation(), at + "relation", true);
        Member.Health health = member.health() == null || member.health().isBlank()
                ? Member.Health.HEALTHY : parse(Member.Health.class, member.health(), at + "health", true);
        if (health == Member.Health.DISABILITY && (member.disabilityGrade() == null
                || member.disabilityGrade() < 1 || member.disabilityGrade() > 4)) {
            add(at + "disabilityGrade", "required", "member.disability-grade.required");
        }
        if (health != Member.Health.DISABILITY && member.disabilityGrade() != null) {
            add(at + "disabilityGrade", "without-disability", "member.disability-grade.without-disability");
        }
        if (id != null) {
            agree(id, member, at);
        }
        code(member.education(), Member.EDUCATION, at + "education");
        code(member.schooling(), Member.SCHOOLING, at + "schooling");
        code(member.workAbility(), Member.WORK_ABILITY, at + "workAbility");
        if (member.migrantMonths() != null && (member.migrantMonths() < 0 || member.migrantMonths() > 12)) {
            add(at + "migrantMonths", "range", "member.migrant-months.range");
        }
        return problems.size() == before ? new CheckedMember(member, id, relation, health) : null;
    }

    /** Sex and birth date, when given, must be those the ID number tells. */
    private void agree(ResidentId id, MemberForm member, String at) {
        if (member.sex() != null && !member.sex().isBlank() && !member.sex().equals(id.sex().name())) {
            add(at + "sex", "disagrees", "member.sex.disagrees", id.sex().name());
        }
        if (member.birthDate() != null && !member.birthDate().isBlank()) {
            try {
                if (!LocalDate.parse(member.birthDate().strip()).equals(id.birthDate())) {
                    add(at + "birthDate", "disagrees", "member.birth-date.disagrees", id.birthDate().toString());
                }
            } catch (DateTimeParseException e) {
                add(at + "birthDate", "format", "member.birth-date.format", member.birthDate());
            }
        }
    }

    private void code(String value, List<String> allowed, String field) {
        if (value != null && !value.isBlank() && !allowed.contains(value)) {
            add(field, "unknown", "household.code.unknown", value);
        }
    }

    private <E extends Enum<E>> E parse(Class<E> type, String text, String field, boolean required) {
        for (E value : EnumSet.allOf(type)) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        if (required || (text != null && !text.isBlank())) {
            if (text == null || text.isBlank()) { // not "“null” is not in the code list"
                add(field, "required", "household.code.required");
            } else {
                add(field, "unknown", "household.code.unknown", text);
            }
        }
        return null;
    }
}
