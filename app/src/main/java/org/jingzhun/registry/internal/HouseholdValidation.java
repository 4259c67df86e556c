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

    /** A member that passed the checks, with sex and birth date settled from the ID number. */
    public record CheckedMember(MemberForm form, ResidentId id, Member.Relation relation, Member.Health health) {
    }

    private final List<FieldProblem> problems = new ArrayList<>();

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
        if (form.housingGrade() != null && !form.housingGrade().isBlank() && !Household.HOUSING_GRADES.contains(form.housingGrade())) {
            add("housingGrade", "unknown", "household.housing-grade.invalid", form.housingGrade());
        }
        if (form.bankAccount() != null && !form.bankAccount().isBlank() && !form.bankAccount().strip().matches("[0-9]{8,30}")) {
            add("bankAccount", "format", "household.bank-account.format");
        }
        if (form.phone() != null && form.phone().strip().length() > 30) {
            add("phone", "too-long", "household.too-long", 30);
        }
        if (form.address() != null && form.address().strip().length() > 200) {
            add("address", "too-long", "household.too-long", 200);
        }
        if (form.groupName() != null && form.groupName().strip().length() > 100) {
            add("groupName", "too-long", "household.too-long", 100);
        }
        if (form.production() != null && form.production().length() > 2000) {
            add("production", "too-long", "household.too-long", 2000);
        }
        if (form.registeredYear() != null && (form.registeredYear() < 1978 || form.registeredYear() > org.jingzhun.platform.ChinaClock.thisYear())) {
            add("registeredYear", "range", "household.year.range", form.registeredYear());
        }
        Map<Integer, BigDecimal> incomes = form.incomes() == null ? Map.of() : form.incomes();
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

    /** Members: at least one, exactly one head, valid and distinct ID numbers agreeing with sex and birth date. */
    List<CheckedMember> members(List<MemberForm> forms) {
        List<CheckedMember> checked = new ArrayList<>();
        if (forms == null || forms.isEmpty()) {
            add("members", "required", "household.members.required");
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
        if (member.name() == null || member.name().isBlank() || member.name().strip().length() > 50) {
            add(at + "name", "required", "member.name.required");
        }
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
            add(field, text == null || text.isBlank() ? "required" : "unknown", "household.code.unknown", String.valueOf(text));
        }
        return null;
    }
}
