package org.jingzhun.interchange.internal;

import org.jingzhun.platform.table.TableLimits;
import org.jingzhun.platform.table.TableRows;
import org.jingzhun.platform.table.TableWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jingzhun.interchange.FileFormat;
import org.jingzhun.interchange.HouseholdExports;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.jingzhun.registry.Member;
import org.jingzhun.registry.PovertyCause;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Household lists written as the registry streams them, ID numbers and bank accounts as the registry discloses them
 * to the caller; labels in the reader's language, so the file can be imported again. */
@Service
class HouseholdExport implements HouseholdExports {

    /** The header of the office's own household number, after the import's columns. */
    static final String EXTERNAL_REF = "import.column.externalRef";

    private final Households households;
    private final MessageSource messages;

    HouseholdExport(Households households, MessageSource messages) {
        this.households = households;
        this.messages = messages;
    }

    @Override
    public void export(Households.Query query, FileFormat format, Locale locale, OutputStream out) throws IOException {
        Map<String, String> causes = new java.util.HashMap<>();
        for (PovertyCause cause : households.causes()) {
            causes.put(cause.code(), cause.name(locale));
        }
        try (TableWriter writer = TableWriter.of(TableRows.Format.valueOf(format.name()), out)) {
            if (writer.manyTables()) {
                writer.table(messages.getMessage("export.households.sheet", null, locale), householdHeader(locale));
                households.forEach(query, household -> write(writer, householdRow(household, causes, locale)));
            }
            List<String> header = new ArrayList<>();
            for (HouseholdColumn column : HouseholdColumn.values()) {
                header.add(column.header(messages, locale));
            }
            // After the import's columns, which an import of this file skips: the household column is the system's
            // number, so that the rows of one household stay together whether it has a reference or not.
            header.add(messages.getMessage(EXTERNAL_REF, null, locale));
            writer.table(messages.getMessage("export.members.sheet", null, locale), header);
            households.forEach(query, household -> {
                for (Member member : household.members()) {
                    write(writer, memberRow(household, member, causes, locale));
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void write(TableWriter writer, List<Object> row) {
        try {
            writer.row(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> householdHeader(Locale locale) {
        List<String> header = new ArrayList<>();
        for (String key : List.of("household", "externalRef", "villageCode", "villageName", "groupName", "address", "phone", "category",
                "status", "mainCause", "otherCauses", "housingGrade", "safeWater", "production", "bankAccount",
                "registeredYear", "incomeYear", "income", "members")) {
            header.add(messages.getMessage("import.column." + key, null, locale));
        }
        return header;
    }

    private List<Object> householdRow(Household h, Map<String, String> causes, Locale locale) {
        Map.Entry<Integer, BigDecimal> income = h.incomes().isEmpty() ? null : h.incomes().lastEntry();
        List<Object> row = new ArrayList<>();
        row.add(h.id());
        row.add(h.externalRef());
        row.add(h.villageCode());
        row.add(h.villageName());
        row.add(h.groupName());
        row.add(h.address());
        row.add(h.phone());
        row.add(label("category.", h.category().name(), locale));
        row.add(label("status.", h.status().name(), locale));
        row.add(h.mainCause() == null ? null : causes.getOrDefault(h.mainCause(), h.mainCause()));
        row.add(String.join("、", h.otherCauses().stream().map(c -> causes.getOrDefault(c, c)).toList()));
        row.add(h.housingGrade());
        row.add(yesNo(h.safeWater(), locale));
        row.add(h.production());
        row.add(h.bankAccount());
        row.add(h.registeredYear());
        row.add(income == null ? null : income.getKey());
        row.add(income == null ? null : income.getValue());
        row.add(h.members().size());
        return row;
    }

    /** A member in the columns of an import, the household's columns repeated on every row. */
    private List<Object> memberRow(Household h, Member m, Map<String, String> causes, Locale locale) {
        Map.Entry<Integer, BigDecimal> income = h.incomes().isEmpty() ? null : h.incomes().lastEntry();
        List<Object> row = new ArrayList<>();
        for (HouseholdColumn column : HouseholdColumn.values()) {
            row.add(switch (column) {
                case HOUSEHOLD -> h.id();
                case VILLAGE_CODE -> h.villageCode();
                case GROUP_NAME -> h.groupName();
                case ADDRESS -> h.address();
                case PHONE -> h.phone();
                case CATEGORY -> label(column.labels, h.category().name(), locale);
                case MAIN_CAUSE -> h.mainCause() == null ? null : causes.getOrDefault(h.mainCause(), h.mainCause());
                case OTHER_CAUSES -> String.join("、", h.otherCauses().stream().map(c -> causes.getOrDefault(c, c)).toList());
                case HOUSING_GRADE -> h.housingGrade();
                case SAFE_WATER -> yesNo(h.safeWater(), locale);
                case PRODUCTION -> h.production();
                case BANK_ACCOUNT -> h.bankAccount();
                case REGISTERED_YEAR -> h.registeredYear();
                case INCOME_YEAR -> income == null ? null : income.getKey();
                case INCOME -> income == null ? null : income.getValue();
                case NAME -> m.name();
                case ID_NUMBER -> m.idNumber();
                case RELATION -> label(column.labels, m.relation().name(), locale);
                case SEX -> label(column.labels, m.sex().name(), locale);
                case BIRTH_DATE -> m.birthDate().toString();
                case ETHNICITY -> m.ethnicity();
                case EDUCATION -> m.education() == null ? null : label(column.labels, m.education(), locale);
                case SCHOOLING -> m.schooling() == null ? null : label(column.labels, m.schooling(), locale);
                case HEALTH -> label(column.labels, m.health().name(), locale);
                case DISABILITY_GRADE -> m.disabilityGrade();
                case WORK_ABILITY -> m.workAbility() == null ? null : label(column.labels, m.workAbility(), locale);
                case SKILLS -> m.skills();
                case MIGRANT_PLACE -> m.migrantPlace();
                case MIGRANT_MONTHS -> m.migrantMonths();
            });
        }
        row.add(h.externalRef());
        return row;
    }

    private String label(String prefix, String code, Locale locale) {
        return messages.getMessage(prefix + code, null, code, locale);
    }

    private String yesNo(Boolean value, Locale locale) {
        return value == null ? null : messages.getMessage(value ? "import.template.yes" : "import.template.no", null, locale);
    }
}
