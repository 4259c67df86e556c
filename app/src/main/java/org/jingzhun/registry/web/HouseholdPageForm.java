package org.jingzhun.registry.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdForm;
import org.jingzhun.registry.HouseholdForm.MemberForm;
import org.jingzhun.registry.Member;

/**
 * The household form of the pages, as the browser posts it (member and income rows by index). Rows left
 * entirely blank are ignored, so the form can offer empty rows to fill.
 */
public class HouseholdPageForm {

    /** Empty member rows offered beyond those filled. */
    static final int SPARE_MEMBERS = 3;
    static final int SPARE_INCOMES = 2;

    private String villageCode = "";
    private String groupName = "";
    private String address = "";
    private String phone = "";
    private String category = "";
    private String mainCause = "";
    private List<String> otherCauses = new ArrayList<>();
    private String housingGrade = "";
    private Boolean safeWater;
    private String production = "";
    private String bankAccount = "";
    private Integer registeredYear;
    private String externalRef = "";
    private List<MemberRow> members = new ArrayList<>();
    private List<IncomeRow> incomes = new ArrayList<>();
    private int version;
    private String reason = "";

    /** One member row. */
    public static class MemberRow {
        private String name = "";
        private String idNumber = "";
        private String relation = "";
        private String ethnicity = "";
        private String education = "";
        private String schooling = "";
        private String health = "";
        private Integer disabilityGrade;
        private String workAbility = "";
        private String skills = "";
        private String migrantPlace = "";
        private Integer migrantMonths;
        /** The ID number of a member on record, as the form showed it: a row with one is a member who stays or leaves. */
        private String onRecord = "";
        /** The day the member joined (a new row) or left (a row on record). */
        private String movedOn = "";
        /** Why: a join reason for a new row, a leave reason for a row on record; blank for a member who stays. */
        private String movement = "";

        boolean blank() {
            return name.isBlank() && idNumber.isBlank();
        }

        MemberForm form() {
            boolean joins = onRecord.isBlank();
            return new MemberForm(name, idNumber, relation, null, null, ethnicity, education, schooling, health,
                    disabilityGrade, workAbility, skills, migrantPlace, migrantMonths, joins ? movedOn : null,
                    joins ? movement : null);
        }

        /** Whether this member on record leaves: taken off the form, or given a reason for leaving. */
        boolean leaves() {
            return !onRecord.isBlank() && (blank() || !movement.isBlank());
        }

        static MemberRow of(Member member) {
            MemberRow row = new MemberRow();
            row.name = member.name();
            row.idNumber = member.idNumber();
            row.relation = member.relation().name();
            row.ethnicity = orEmpty(member.ethnicity());
            row.education = orEmpty(member.education());
            row.schooling = orEmpty(member.schooling());
            row.health = member.health().name();
            row.disabilityGrade = member.disabilityGrade();
            row.workAbility = orEmpty(member.workAbility());
            row.skills = orEmpty(member.skills());
            row.migrantPlace = orEmpty(member.migrantPlace());
            row.migrantMonths = member.migrantMonths();
            row.onRecord = member.idNumber();
            return row;
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = orEmpty(name); }
        public String getIdNumber() { return idNumber; }
        public void setIdNumber(String idNumber) { this.idNumber = orEmpty(idNumber); }
        public String getRelation() { return relation; }
        public void setRelation(String relation) { this.relation = orEmpty(relation); }
        public String getEthnicity() { return ethnicity; }
        public void setEthnicity(String ethnicity) { this.ethnicity = orEmpty(ethnicity); }
        public String getEducation() { return education; }
        public void setEducation(String education) { this.education = orEmpty(education); }
        public String getSchooling() { return schooling; }
        public void setSchooling(String schooling) { this.schooling = orEmpty(schooling); }
        public String getHealth() { return health; }
        public void setHealth(String health) { this.health = orEmpty(health); }
        public Integer getDisabilityGrade() { return disabilityGrade; }
        public void setDisabilityGrade(Integer disabilityGrade) { this.disabilityGrade = disabilityGrade; }
        public String getWorkAbility() { return workAbility; }
        public void setWorkAbility(String workAbility) { this.workAbility = orEmpty(workAbility); }
        public String getSkills() { return skills; }
        public void setSkills(String skills) { this.skills = orEmpty(skills); }
        public String getMigrantPlace() { return migrantPlace; }
        public void setMigrantPlace(String migrantPlace) { this.migrantPlace = orEmpty(migrantPlace); }
        public Integer getMigrantMonths() { return migrantMonths; }
        public void setMigrantMonths(Integer migrantMonths) { this.migrantMonths = migrantMonths; }
        public String getOnRecord() { return onRecord; }
        public void setOnRecord(String onRecord) { this.onRecord = orEmpty(onRecord); }
        public String getMovedOn() { return movedOn; }
        public void setMovedOn(String movedOn) { this.movedOn = orEmpty(movedOn); }
        public String getMovement() { return movement; }
        public void setMovement(String movement) { this.movement = orEmpty(movement); }
    }

    /** The row of each member and of each departure the last {@link #household()} sent, to name refused fields by row. */
    private final List<Integer> memberRows = new ArrayList<>();
    private final List<Integer> departureRows = new ArrayList<>();
    private static final java.util.regex.Pattern ROW_FIELD = java.util.regex.Pattern.compile("^(members|departures)\\[(\\d+)]\\.(\\w+)$");

    /** A refused field of the registry's form ({@code departures[0].day}) as the field of its row on this page. */
    String pageField(String field) {
        java.util.regex.Matcher m = ROW_FIELD.matcher(field == null ? "" : field);
        if (!m.matches()) {
            return field;
        }
        List<Integer> rows = m.group(1).equals("members") ? memberRows : departureRows;
        int k = Integer.parseInt(m.group(2));
        if (k >= rows.size()) {
            return field;
        }
        String sub = switch (m.group(3)) {
            case "joinedOn", "day" -> "movedOn";
            case "joinReason", "reason" -> "movement";
            default -> m.group(3);
        };
        return "members[" + rows.get(k) + "]." + sub;
    }

    /** One year's per capita net income. */
    public static class IncomeRow {
        private Integer year;
        private BigDecimal amount;

        public Integer getYear() { return year; }
        public void setYear(Integer year) { this.year = year; }
        public BigDecimal getAmount() { return amount; }
        public void setAmount(BigDecimal amount) { this.amount = amount; }
    }

    static HouseholdPageForm empty() {
        HouseholdPageForm form = new HouseholdPageForm();
        return form.withSpareRows();
    }

    static HouseholdPageForm of(Household household) {
        HouseholdPageForm form = new HouseholdPageForm();
        form.villageCode = household.villageCode();
        form.groupName = orEmpty(household.groupName());
        form.address = orEmpty(household.address());
        form.phone = orEmpty(household.phone());
        form.category = household.category().name();
        form.mainCause = orEmpty(household.mainCause());
        form.otherCauses = new ArrayList<>(household.otherCauses());
        form.housingGrade = orEmpty(household.housingGrade());
        form.safeWater = household.safeWater();
        form.production = orEmpty(household.production());
        form.bankAccount = orEmpty(household.bankAccount());
        form.registeredYear = household.registeredYear();
        form.externalRef = orEmpty(household.externalRef());
        household.members().forEach(member -> form.members.add(MemberRow.of(member)));
        household.incomes().forEach((year, amount) -> {
            IncomeRow row = new IncomeRow();
            row.year = year;
            row.amount = amount;
            form.incomes.add(row);
        });
        form.version = household.version();
        return form.withSpareRows();
    }

    /** Adds empty rows to fill, after the filled ones. */
    HouseholdPageForm withSpareRows() {
        members.removeIf(row -> row.blank() && row.onRecord.isBlank());
        incomes.removeIf(row -> row.year == null && row.amount == null);
        for (int i = 0; i < SPARE_MEMBERS; i++) {
            members.add(new MemberRow());
        }
        for (int i = 0; i < SPARE_INCOMES; i++) {
            incomes.add(new IncomeRow());
        }
        return this;
    }

    /**
     * The household as the registry takes it. Indexes of members in refusals refer to the filled rows, which
     * come first on the form, so they match the rows shown.
     */
    HouseholdForm household() {
        Map<Integer, BigDecimal> byYear = new LinkedHashMap<>();
        for (IncomeRow row : incomes) {
            if (row.year != null || row.amount != null) {
                byYear.put(row.year, row.amount);
            }
        }
        List<MemberForm> filled = new ArrayList<>();
        List<HouseholdForm.Departure> departures = new ArrayList<>();
        memberRows.clear();
        departureRows.clear();
        for (int i = 0; i < members.size(); i++) {
            MemberRow row = members.get(i);
            if (row.leaves()) {
                departures.add(new HouseholdForm.Departure(row.onRecord, row.movedOn, row.movement));
                departureRows.add(i);
            } else if (!row.blank()) {
                filled.add(row.form());
                memberRows.add(i);
            }
        }
        return new HouseholdForm(villageCode, groupName, address, phone, category, mainCause, otherCauses, housingGrade,
                safeWater, production, bankAccount, registeredYear, byYear, filled, externalRef, departures);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    public String getVillageCode() { return villageCode; }
    public void setVillageCode(String villageCode) { this.villageCode = orEmpty(villageCode); }
    public String getGroupName() { return groupName; }
    public void setGroupName(String groupName) { this.groupName = orEmpty(groupName); }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = orEmpty(address); }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = orEmpty(phone); }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = orEmpty(category); }
    public String getMainCause() { return mainCause; }
    public void setMainCause(String mainCause) { this.mainCause = orEmpty(mainCause); }
    public List<String> getOtherCauses() { return otherCauses; }
    public void setOtherCauses(List<String> otherCauses) { this.otherCauses = otherCauses == null ? new ArrayList<>() : otherCauses; }
    public String getHousingGrade() { return housingGrade; }
    public void setHousingGrade(String housingGrade) { this.housingGrade = orEmpty(housingGrade); }
    public Boolean getSafeWater() { return safeWater; }
    public void setSafeWater(Boolean safeWater) { this.safeWater = safeWater; }
    public String getProduction() { return production; }
    public void setProduction(String production) { this.production = orEmpty(production); }
    public String getBankAccount() { return bankAccount; }
    public void setBankAccount(String bankAccount) { this.bankAccount = orEmpty(bankAccount); }
    public Integer getRegisteredYear() { return registeredYear; }
    public String getExternalRef() { return externalRef; }
    public void setExternalRef(String externalRef) { this.externalRef = orEmpty(externalRef); }
    public void setRegisteredYear(Integer registeredYear) { this.registeredYear = registeredYear; }
    public List<MemberRow> getMembers() { return members; }
    public void setMembers(List<MemberRow> members) { this.members = members; }
    public List<IncomeRow> getIncomes() { return incomes; }
    public void setIncomes(List<IncomeRow> incomes) { this.incomes = incomes; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = orEmpty(reason); }
}
