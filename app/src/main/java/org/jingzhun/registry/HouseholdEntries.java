package org.jingzhun.registry;

/**
 * The registry's bulk entry: the only way households come in besides the form. Another module (an import, the
 * demonstration generator) stages its rows in the registry's staging tables of the current transaction, by COPY or
 * {@code insert … select}, then hands them over with {@link #enter}; the registry checks them as a whole under the
 * form's rules, writes households, members and incomes with one statement each (the status history follows from
 * the households' rows), and audits each household. Set-based: a province's file costs the database's time.
 */
public interface HouseholdEntries {

    /** Households to enter, one row each, {@code household_key} unique (an import's household number). */
    String HOUSEHOLDS = "pg_temp.entry_household";
    /** Their columns, in the order of a COPY of the whole row. */
    String HOUSEHOLD_COLUMNS = "household_key, village_code, group_name, address, phone, category, status, main_cause,"
            + " other_causes, housing_grade, safe_water, production, bank_account, registered_year, external_ref";
    /** Members to enter, keyed to their household's {@code household_key}; {@code position} orders them in the audit. */
    String MEMBERS = "pg_temp.entry_member";
    String MEMBER_COLUMNS = "household_key, position, name, id_number, relation, sex, birth_date, ethnicity, education,"
            + " schooling, health, disability_grade, work_ability, skills, migrant_place, migrant_months";
    /** Incomes per capita by year, keyed to their household's {@code household_key}. */
    String INCOMES = "pg_temp.entry_income";
    String INCOME_COLUMNS = "household_key, year, amount";
    /**
     * Households on the register already that are to take an external reference: the household of the person with
     * {@code id_number} takes {@code external_ref}, unless it has one or another household of its county holds it.
     */
    String REFERENCES = "pg_temp.entry_reference";
    String REFERENCE_COLUMNS = "id_number, external_ref";

    /** Makes the staging tables empty in the caller's transaction (they go at its end). */
    void stage();

    /**
     * Enters what was staged, as the caller, in the caller's transaction: refused whole (invalid, naming the rule) when a
     * household's village is not an active village of the caller's areas, a household has not exactly one head or more
     * members than a form takes, a member or income has no staged household, or a person is registered already; a
     * household number another household of the county holds is a conflict. Statuses are those a household may be
     * recorded with. Each household is audited with {@code action} and {@code reason} when {@code auditEach}; else the
     * caller records the whole entry. {@code label} begins the log lines that time its steps.
     */
    Entered enter(String action, String reason, boolean auditEach, String label);

    /** Gives the staged {@link #REFERENCES} to their households, each audited as {@code reference}; how many took one. */
    int giveReferences(String reason);

    /** What an entry wrote. */
    record Entered(int households, int members, int incomes) {
    }
}
