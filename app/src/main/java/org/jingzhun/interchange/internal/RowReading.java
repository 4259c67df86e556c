package org.jingzhun.interchange.internal;

import org.jingzhun.platform.table.CellValues;
import org.jingzhun.platform.table.TableKind;
import org.jingzhun.platform.table.TableProblem;
import org.jingzhun.platform.table.TableRows;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.registry.HouseholdForm;
import org.jingzhun.registry.HouseholdRules;
import org.jingzhun.registry.PovertyCause;
import org.jingzhun.registry.ResidentId;
import org.springframework.context.MessageSource;

/**
 * Turns the cells of one row into the values the registry takes (codes for labels in either language, ISO
 * dates, plain numbers) and checks them with the registry's own rules, naming the column of each problem.
 */
final class RowReading {


    /** The most income the registry takes, as its rules say it. */
    private static final String MAX_INCOME = "1000000";
    private static final Pattern SCIENTIFIC = CellValues.SCIENTIFIC;
    private static final Pattern CAUSE_SEPARATORS = Pattern.compile("[;,，；、/\\s]+");

    /** Where each column is in the file's rows, by the columns' order; -1 for one the file lacks. */
    private final int[] positions;
    private final Map<HouseholdColumn, Map<String, String>> labels = new EnumMap<>(HouseholdColumn.class);
    private final Map<String, String> causes = new HashMap<>();

    RowReading(int[] positions, MessageSource messages, List<PovertyCause> causeList,
               Map<HouseholdColumn, List<String>> codes) {
        this.positions = positions;
        codes.forEach((column, list) -> {
            Map<String, String> byLabel = new HashMap<>();
            for (String code : list) {
                byLabel.put(fold(code), code);
                for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                    String label = messages.getMessage(column.labels + code, null, null, locale);
                    if (label != null) {
                        byLabel.putIfAbsent(fold(label), code);
                    }
                }
            }
            labels.put(column, byLabel);
        });
        for (PovertyCause cause : causeList) {
            causes.put(fold(cause.code()), cause.code());
            causes.put(fold(cause.nameZh()), cause.code());
            causes.put(fold(cause.nameEn()), cause.code());
        }
    }

    private static String fold(String text) {
        return text.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
    }

    /** The row's values in the columns' order (as the household file's kind stages them), and its problems. */
    TableKind.Read read(List<String> row) {
        List<TableProblem> problems = new ArrayList<>();
        List<String> cells = withoutNul(row, problems);
        String relation = code(cells, HouseholdColumn.RELATION);
        boolean head = "HEAD".equals(relation);

        String idNumber = text(cells, HouseholdColumn.ID_NUMBER);
        if (idNumber != null && SCIENTIFIC.matcher(idNumber).matches()) {
            problems.add(new TableProblem("idNumber", "scientific", "import.value.scientific", List.of(idNumber)));
            idNumber = null;
        }
        String bankAccount = text(cells, HouseholdColumn.BANK_ACCOUNT);
        if (bankAccount != null && SCIENTIFIC.matcher(bankAccount).matches()) {
            problems.add(new TableProblem("bankAccount", "scientific", "import.value.scientific", List.of(bankAccount)));
            bankAccount = null;
        }
        Integer registeredYear = integer(cells, HouseholdColumn.REGISTERED_YEAR, problems);
        Integer incomeYear = integer(cells, HouseholdColumn.INCOME_YEAR, problems);
        BigDecimal income = decimal(cells, HouseholdColumn.INCOME, problems);
        if ((text(cells, HouseholdColumn.INCOME_YEAR) == null) != (text(cells, HouseholdColumn.INCOME) == null) && head) {
            problems.add(new TableProblem(incomeYear == null ? "incomeYear" : "income", "required", "import.income.both", List.of()));
        }
        Boolean safeWater = yesNo(cells, HouseholdColumn.SAFE_WATER, problems);
        String mainCause = cause(text(cells, HouseholdColumn.MAIN_CAUSE));
        List<String> otherCauses = new ArrayList<>();
        String others = text(cells, HouseholdColumn.OTHER_CAUSES);
        if (others != null) {
            for (String part : CAUSE_SEPARATORS.split(others)) {
                if (!part.isBlank() && !otherCauses.contains(cause(part))) {
                    otherCauses.add(cause(part));
                }
            }
        }
        String birthText = text(cells, HouseholdColumn.BIRTH_DATE);
        LocalDate birthDate = null;
        if (birthText != null) {
            birthDate = CellValues.date(birthText);
            if (birthDate == null) {
                problems.add(new TableProblem("birthDate", "format", "member.birth-date.format", List.of(birthText)));
            }
        }
        Integer disabilityGrade = integer(cells, HouseholdColumn.DISABILITY_GRADE, problems);
        Integer migrantMonths = integer(cells, HouseholdColumn.MIGRANT_MONTHS, problems);
        String sex = code(cells, HouseholdColumn.SEX);

        HouseholdForm.MemberForm member = new HouseholdForm.MemberForm(text(cells, HouseholdColumn.NAME), idNumber, relation,
                sex, birthDate == null ? null : birthDate.toString(), text(cells, HouseholdColumn.ETHNICITY),
                code(cells, HouseholdColumn.EDUCATION), code(cells, HouseholdColumn.SCHOOLING), code(cells, HouseholdColumn.HEALTH),
                disabilityGrade, code(cells, HouseholdColumn.WORK_ABILITY), text(cells, HouseholdColumn.SKILLS),
                text(cells, HouseholdColumn.MIGRANT_PLACE), migrantMonths);
        boolean idRefused = problems.stream().anyMatch(p -> "idNumber".equals(p.column()));
        add(problems, HouseholdRules.memberProblems(member).stream()
                .filter(p -> !(idRefused && p.field().equals("idNumber"))).toList());
        String household = text(cells, HouseholdColumn.HOUSEHOLD);
        if (household == null) {
            problems.add(new TableProblem("household", "required", "import.household.required", List.of()));
        }
        String village = text(cells, HouseholdColumn.VILLAGE_CODE);
        String category = code(cells, HouseholdColumn.CATEGORY);
        if (head) {
            HouseholdForm form = new HouseholdForm(village, text(cells, HouseholdColumn.GROUP_NAME),
                    text(cells, HouseholdColumn.ADDRESS), text(cells, HouseholdColumn.PHONE), category, mainCause, otherCauses,
                    code(cells, HouseholdColumn.HOUSING_GRADE), safeWater, text(cells, HouseholdColumn.PRODUCTION), bankAccount,
                    registeredYear, incomeYear == null || income == null ? Map.of() : Map.of(incomeYear, income), List.of(),
                    household); // the file's household number is kept as the household's reference, within its bounds
            add(problems, HouseholdRules.householdProblems(form));
            if (village == null) {
                problems.add(new TableProblem("villageCode", "required", "import.village.required", List.of()));
            }
            if (mainCause != null && !causes.containsValue(mainCause)) {
                problems.add(new TableProblem("mainCause", "unknown", "household.cause.unknown", List.of(mainCause)));
            }
            otherCauses.stream().filter(c -> !causes.containsValue(c)).findFirst().ifPresent(c ->
                    problems.add(new TableProblem("otherCauses", "unknown", "household.cause.unknown", List.of(c))));
        }
        // Sex and birth date follow from a valid ID number when left out, as in the form.
        if (member.idNumber() != null && problems.stream().noneMatch(p -> "idNumber".equals(p.column()))) {
            ResidentId id = ResidentId.parse(member.idNumber(), "idNumber");
            idNumber = id.value();
            sex = id.sex().name();
            birthDate = id.birthDate();
        }
        Object[] values = {household, village, text(cells, HouseholdColumn.GROUP_NAME), text(cells, HouseholdColumn.ADDRESS),
                text(cells, HouseholdColumn.PHONE), category, mainCause, otherCauses.isEmpty() ? null : otherCauses,
                code(cells, HouseholdColumn.HOUSING_GRADE), safeWater, text(cells, HouseholdColumn.PRODUCTION), bankAccount,
                registeredYear, incomeYear, income, member.name() == null ? null : member.name().strip(), idNumber, relation,
                sex, birthDate, member.ethnicity(), member.education(), member.schooling(), member.health(), disabilityGrade,
                member.workAbility(), member.skills(), member.migrantPlace(), migrantMonths};
        return new TableKind.Read(values, problems);
    }

    /**
     * The cells with any NUL shown as its symbol, each such cell a problem of its column: PostgreSQL's text holds
     * no NUL, and one such cell once failed the whole job instead of its row.
     */
    private List<String> withoutNul(List<String> cells, List<TableProblem> problems) {
        List<String> clean = cells;
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell != null && cell.indexOf('\0') >= 0) {
                if (clean == cells) {
                    clean = new ArrayList<>(cells);
                }
                clean.set(i, cell.replace('\0', '\u2400'));
                String column = null;
                for (HouseholdColumn known : HouseholdColumn.values()) {
                    if (positions[known.ordinal()] == i) {
                        column = known.key;
                    }
                }
                problems.add(new TableProblem(column, "nul", "import.value.nul", List.of(TableRows.columnLetter(i))));
            }
        }
        return clean;
    }

    private static void add(List<TableProblem> problems, List<FieldProblem> found) {
        for (FieldProblem problem : found) {
            HouseholdColumn column = HouseholdColumn.ofField(problem.field());
            List<String> args = new ArrayList<>();
            for (Object arg : problem.args()) {
                args.add(String.valueOf(arg));
            }
            problems.add(new TableProblem(column == null ? problem.field() : column.key, problem.code(), problem.messageKey(), args));
        }
    }

    private String text(List<String> cells, HouseholdColumn column) {
        int position = positions[column.ordinal()];
        if (position < 0 || position >= cells.size() || cells.get(position) == null) {
            return null;
        }
        String value = cells.get(position).strip();
        return value.isEmpty() ? null : value;
    }

    /** A code, given as the code or as its label in English or Chinese; an unknown value is kept for the rules to refuse. */
    private String code(List<String> cells, HouseholdColumn column) {
        String value = text(cells, column);
        return value == null ? null : labels.get(column).getOrDefault(fold(value), value);
    }

    private String cause(String value) {
        return value == null ? null : causes.getOrDefault(fold(value), value);
    }

    private Integer integer(List<String> cells, HouseholdColumn column, List<TableProblem> problems) {
        String value = text(cells, column);
        if (value == null) {
            return null;
        }
        Integer number = CellValues.integer(value);
        if (number == null) {
            problems.add(new TableProblem(column.key, "format", "import.value.integer", List.of(value)));
        }
        return number;
    }

    private BigDecimal decimal(List<String> cells, HouseholdColumn column, List<TableProblem> problems) {
        String value = text(cells, column);
        if (value == null) {
            return null;
        }
        BigDecimal number = CellValues.decimal(value);
        if (number == null) {
            problems.add(new TableProblem(column.key, "format", "import.value.number", List.of(value)));
            return null;
        }
        // The staging column is numeric(12, 2); a larger number (99999999999999, 1e309) once failed the whole
        // job, and 1e999999999 written out in full would take a gigabyte.
        if (number.precision() - number.scale() > 10) {
            problems.add(new TableProblem(column.key, "range", "household.income.range", List.of(MAX_INCOME)));
            return null;
        }
        return number;
    }

    private Boolean yesNo(List<String> cells, HouseholdColumn column, List<TableProblem> problems) {
        String value = text(cells, column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "是", "有", "y", "yes", "true", "1" -> Boolean.TRUE;
            case "否", "无", "n", "no", "false", "0" -> Boolean.FALSE;
            default -> {
                problems.add(new TableProblem(column.key, "format", "import.value.yes-no", List.of(value)));
                yield null;
            }
        };
    }
}
