package org.jingzhun.registry;

import java.util.List;

import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.registry.internal.HouseholdValidation;

/**
 * The checks of a household and of a member that need no database, for those who enter households other
 * than through {@link Households} (bulk imports), so that every way in applies the same rules.
 */
public final class HouseholdRules {

    private HouseholdRules() {
    }

    /** What is wrong with a household's own fields (category and circumstances; members aside), by form field. */
    public static List<FieldProblem> householdProblems(HouseholdForm form) {
        HouseholdValidation validation = new HouseholdValidation();
        validation.category(form.category());
        validation.circumstances(form);
        return validation.problems();
    }

    /** What is wrong with one member, by field name ({@code idNumber}, {@code relation}, ...). */
    public static List<FieldProblem> memberProblems(HouseholdForm.MemberForm member) {
        HouseholdValidation validation = new HouseholdValidation();
        validation.member(member, "");
        return validation.problems();
    }
}
