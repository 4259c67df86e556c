package org.jingzhun.registry;

import java.util.List;

import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;

/**
 * A household as one caller may see it, decided here once for every way household data leaves the system (pages,
 * API, lists, exports, the handbook, the audit trail, identification's lists): data entry and reviewers see ID
 * numbers and bank accounts whole within their areas; every other role sees ID numbers to their first 6 and last 4
 * characters and bank accounts to their last 4; the public sees ID numbers masked the same way and never a bank account.
 */
public final class HouseholdDisclosure {

    /** What anyone may see without signing in. */
    public static final HouseholdDisclosure PUBLIC = new HouseholdDisclosure(null);

    private final Caller caller;

    private HouseholdDisclosure(Caller caller) {
        this.caller = caller;
    }

    /** The disclosure to this caller; null is the public. */
    public static HouseholdDisclosure to(Caller caller) {
        return caller == null ? PUBLIC : new HouseholdDisclosure(caller);
    }

    /** The disclosure to the caller of the current request, the public when nobody is signed in. */
    public static HouseholdDisclosure toCurrentCaller() {
        return to(Caller.current().orElse(null));
    }

    /** Whether ID numbers and bank accounts of a household of this area are shown whole. */
    public boolean whole(String areaCode) {
        // Those who record and review households need the numbers to do so; nobody else does.
        return caller != null && (caller.has(Role.DATA_ENTRY) || caller.has(Role.REVIEWER)) && caller.reaches(areaCode);
    }

    /** Whether a bank account may be shown at all, masked or whole. */
    public boolean showsBankAccounts() {
        return caller != null;
    }

    /** An ID number of a person of a household of this area, as shown. */
    public String idNumber(String idNumber, String areaCode) {
        return idNumber == null || whole(areaCode) ? idNumber : maskIdNumber(idNumber);
    }

    /** A bank account of a household of this area, as shown; null for the public. */
    public String bankAccount(String bankAccount, String areaCode) {
        if (bankAccount == null || !showsBankAccounts()) {
            return null;
        }
        return whole(areaCode) ? bankAccount : maskBankAccount(bankAccount);
    }

    /** The household as shown. */
    public Household household(Household h) {
        if (whole(h.villageCode())) {
            return h;
        }
        List<Member> members = h.members().stream().map(m -> member(m, h.villageCode())).toList();
        return new Household(h.id(), h.villageCode(), h.villageName(), h.groupName(), h.address(), h.phone(), h.category(),
                h.status(), h.mainCause(), h.otherCauses(), h.housingGrade(), h.safeWater(), h.production(),
                bankAccount(h.bankAccount(), h.villageCode()), h.registeredYear(), h.incomes(), members, h.version(),
                h.createdAt(), h.updatedAt(), h.externalRef(), h.headName(), h.formedOn(), h.formedFrom(), h.endedOn(),
                h.mergedInto());
    }

    /** A member of a household of this area, as shown. */
    public Member member(Member m, String areaCode) {
        return new Member(m.id(), m.name(), idNumber(m.idNumber(), areaCode), m.relation(), m.sex(), m.birthDate(),
                m.ethnicity(), m.education(), m.schooling(), m.health(), m.disabilityGrade(), m.workAbility(), m.skills(),
                m.migrantPlace(), m.migrantMonths(), m.joinedOn(), m.joinReason());
    }

    /** A line of a household list, as shown. */
    public HouseholdSummary summary(HouseholdSummary s) {
        return new HouseholdSummary(s.id(), s.villageCode(), s.villageName(), s.headName(),
                idNumber(s.headIdNumber(), s.villageCode()), s.members(), s.category(), s.status(), s.mainCause(),
                s.incomeYear(), s.income(), s.externalRef());
    }

    /** An ID number to its first 6 and last 4 characters; a shorter text is hidden whole. */
    public static String maskIdNumber(String idNumber) {
        if (idNumber.length() <= 10) {
            return "*".repeat(idNumber.length());
        }
        return idNumber.substring(0, 6) + "*".repeat(idNumber.length() - 10) + idNumber.substring(idNumber.length() - 4);
    }

    /** A bank account to its last 4 digits. */
    public static String maskBankAccount(String bankAccount) {
        return "****" + (bankAccount.length() <= 4 ? "" : bankAccount.substring(bankAccount.length() - 4));
    }
}
