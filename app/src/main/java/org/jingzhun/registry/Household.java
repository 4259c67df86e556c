package org.jingzhun.registry;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SortedMap;

/**
 * A household as recorded: its village (and natural village or group), circumstances, per capita net income
 * by year, and members, exactly one of them the head. {@code version} guards against lost concurrent edits.
 */
public record Household(long id, String villageCode, String villageName, String groupName, String address, String phone,
                        Category category, Status status, String mainCause, List<String> otherCauses,
                        String housingGrade, Boolean safeWater, String production, String bankAccount,
                        Integer registeredYear, SortedMap<Integer, BigDecimal> incomes, List<Member> members,
                        int version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** General poor, poor on minimum living allowance (dibao), destitute on five-guarantee support (wubao). */
    public enum Category { GENERAL, DIBAO, WUBAO }

    /** Where the household stands; it changes only through the named operations of the procedures. */
    public enum Status { CANDIDATE, REGISTERED, EXITED, CANCELLED, RETURNED }

    /** The head of the household. */
    public Member head() {
        return members.stream().filter(m -> m.relation() == Member.Relation.HEAD).findFirst().orElseThrow();
    }

    /** The bank account as shown to those who may not see it whole: the last 4 digits. */
    public String maskedBankAccount() {
        return bankAccount == null ? null : "****" + bankAccount.substring(bankAccount.length() - 4);
    }
}
