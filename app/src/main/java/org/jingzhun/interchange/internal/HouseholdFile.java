package org.jingzhun.interchange.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jingzhun.platform.Caller;
import org.jingzhun.platform.table.CellValues;
import org.jingzhun.platform.table.TableColumn;
import org.jingzhun.platform.table.TableKind;
import org.jingzhun.platform.table.TableLimits;
import org.jingzhun.platform.table.UploadedTable;
import org.jingzhun.registry.PovertyCause;
import org.springframework.context.MessageSource;

/**
 * The household file (one row per member) as a kind of the platform's staged import: its columns, each row read with the
 * registry's rules ({@link RowReading}), and the checks that need the whole file or the registry, in SQL on the staged
 * rows: one head per household, villages within the uploader's areas, a household's columns the same on all its rows,
 * an ID number once in the file, people and household numbers registered already; a household goes in whole or not at
 * all. A household registered already at its village with exactly these people is the same upload again, left as it is.
 */
final class HouseholdFile {

    /** The kind's name, as its imports are recorded. */
    static final String KIND = "household";
    /** The most rows one file may hold: a province's households go in several files. */
    static final int MAX_ROWS = 5_000_000;

    /** The staged types of the columns the reader gives other than text. */
    private static final Map<String, String> TYPES = Map.of("otherCauses", "text[]", "safeWater", "boolean",
            "registeredYear", "integer", "incomeYear", "integer", "income", "numeric(12, 2)", "birthDate", "date",
            "disabilityGrade", "integer", "migrantMonths", "integer");

    /** The rows of a household registered already with exactly these people at its village: the same upload again. */
    private static final String UNCHANGED = """
            with file_household as (
                     select household, count(*) as people, max(village_code) filter (where relation = 'HEAD') as village
                       from pg_temp.staged group by household),
                 found as (
                     select r.household, m.household_id, count(*) as people
                       from pg_temp.staged r join registry_member m on m.id_number = r.id_number
                      group by r.household, m.household_id),
                 same as (
                     select f.household from file_household f
                       join found g on g.household = f.household and g.people = f.people
                       join registry_household h on h.id = g.household_id and h.village_code = f.village
                      where (select count(*) from registry_member x where x.household_id = g.household_id) = f.people)
            update pg_temp.staged r set unchanged = true from same s where r.household = s.household""";

    private static final String HEADS = """
            select min(row_number), 'relation',
                   case when count(*) filter (where relation = 'HEAD') = 0 then 'no-head' else 'several-heads' end,
                   'household.members.one-head', array[(count(*) filter (where relation = 'HEAD'))::text]
              from pg_temp.staged where household is not null
             group by household having count(*) filter (where relation = 'HEAD') <> 1""";

    private static final String TWICE_IN_FILE = """
            select r.row_number, 'idNumber', 'twice-in-file', 'import.id.twice-in-file', array[d.rows]
              from pg_temp.staged r
              join (select id_number, string_agg(row_number::text, ', ' order by row_number) as rows
                      from pg_temp.staged where id_number is not null
                     group by id_number having count(*) > 1) d on d.id_number = r.id_number""";

    /** The file's household number becomes the household's reference, unique within its county. */
    private static final String REFERENCE_REGISTERED = """
            select r.row_number, 'household', 'reference-registered', 'import.household.reference-registered',
                   array[r.household]
              from pg_temp.staged r
             where r.relation = 'HEAD' and not r.unchanged
               and exists (select 1 from registry_household x where x.external_ref = r.household
                                                      and x.county_code = left(r.village_code, 6))
               and not exists (select 1 from table_import_problem p where p.import_id = :import and p.row_number = r.row_number
                                                                    and p.code = 'reference-registered')""";

    /** A household goes in whole or not at all: its other rows are refused with it, naming the first bad row. */
    private static final String HOUSEHOLD_REFUSED = """
            select r.row_number, null, 'household-refused', 'import.household.refused', array[b.first_row::text]
              from pg_temp.staged r
              join (select s.household, min(p.row_number) as first_row
                      from table_import_problem p join pg_temp.staged s on s.row_number = p.row_number
                     where p.import_id = :import group by s.household) b on b.household = r.household
             where not exists (select 1 from table_import_problem p where p.import_id = :import and p.row_number = r.row_number)""";

    private HouseholdFile() {
    }

    /**
     * The kind for one import by a caller (whose areas bound its villages), writing its accepted rows with the write.
     * {@code codes} are the coded columns' codes, {@code ignored} headers of columns an export adds that are no data.
     */
    static TableKind kind(MessageSource messages, List<PovertyCause> causes, Map<HouseholdColumn, List<String>> codes,
                          Caller caller, Set<String> ignored, TableKind.Write write) {
        List<TableColumn> columns = new ArrayList<>();
        for (HouseholdColumn column : HouseholdColumn.values()) {
            // Read by the household's own reading: the column's type here only names it.
            columns.add(TableColumn.text(column.key, column.header(messages, Locale.ENGLISH),
                    column.header(messages, Locale.SIMPLIFIED_CHINESE), column.required, Integer.MAX_VALUE));
        }
        Caller.Restriction villageScope = caller.restrict("h.village_code");
        Caller.Restriction memberScope = caller.restrict("m.village_code");
        Map<String, Object> parameters = new HashMap<>(villageScope.parameters());
        parameters.putAll(memberScope.parameters());
        String villages = """
                select h.row_number, 'villageCode', 'unknown', 'household.village.unknown', array[h.village_code]
                  from pg_temp.staged h left join area a on a.code = h.village_code and a.level = 5 and a.retired_at is null
                 where h.relation = 'HEAD' and h.village_code is not null
                   and (a.code is null or not (""" + villageScope.sql() + "))";
        // The household a person is registered in is named as the pages show it (head, masked ID number, village).
        String registered = """
                select r.row_number, 'idNumber', 'registered',
                       case when (""" + memberScope.sql() + """
                             ) then 'member.id.registered-with' else 'member.id.registered-elsewhere' end,
                       case when (""" + memberScope.sql() + """
                             ) then array[left(r.id_number, 6) || '********' || right(r.id_number, 4), coalesce(head.name, ''),
                                        coalesce(left(head.id_number, 6) || '********' || right(head.id_number, 4), ''),
                                        coalesce(a.name, m.village_code)]
                            else array[left(r.id_number, 6) || '********' || right(r.id_number, 4)] end
                  from pg_temp.staged r join registry_member m on m.id_number = r.id_number left join area a on a.code = m.village_code
                  left join registry_member head on head.household_id = m.household_id and head.relation = 'HEAD'
                 where not r.unchanged
                   and not exists (select 1 from table_import_problem p where p.import_id = :import and p.row_number = r.row_number
                                                                        and p.code = 'registered')""";
        // Found at the checks, and again while writing, one import at a time, for what another import entered meanwhile.
        List<String> againAtWriting = List.of(registered, REFERENCE_REGISTERED, HOUSEHOLD_REFUSED);
        List<String> checks = new ArrayList<>(List.of(HEADS, villages, differingColumns(), TWICE_IN_FILE));
        checks.addAll(againAtWriting);
        Set<String> folded = new HashSet<>();
        ignored.forEach(header -> folded.add(CellValues.foldHeader(header)));
        StagedValues fitting = new StagedValues();
        RowReading[] reading = new RowReading[1]; // made at the first row, once the header placed the columns
        TableKind.RowReader reader = (row, positions) -> {
            if (reading[0] == null) {
                reading[0] = new RowReading(positions, messages, causes, codes);
            }
            return fitting.fit(reading[0].read(row));
        };
        return new TableKind(KIND, columns, new UploadedTable.Limits(Long.MAX_VALUE, MAX_ROWS,
                TableLimits.DEFAULT.columns(), TableLimits.DEFAULT.cellLength()), TableKind.noRule(), checks, write, false,
                new TableKind.Staging(reader, TYPES, List.of("unchanged boolean not null default false"), List.of(UNCHANGED),
                        againAtWriting, parameters, folded));
    }

    /**
     * The rows where a household's column differs from its head's: one pass finds them, only those few are then taken
     * apart column by column.
     */
    private static String differingColumns() {
        List<String> differences = new ArrayList<>();
        List<String> compared = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (HouseholdColumn column : HouseholdColumn.OF_HOUSEHOLD) {
            if (column != HouseholdColumn.HOUSEHOLD) {
                String name = org.jingzhun.platform.table.CopyText.snakeCase(column.key);
                differences.add("(r." + name + " is not null and r." + name + " is distinct from h." + name + ")");
                compared.add(differences.getLast() + " as " + name);
                named.add("('" + column.key + "', d." + name + ")");
            }
        }
        return "select d.row_number, c.column_key, 'differs-from-head', 'import.household.differs', array[d.head_row::text]"
                + " from (select r.row_number, h.row_number as head_row, " + String.join(", ", compared)
                + "         from pg_temp.staged r join pg_temp.staged h on h.household = r.household and h.relation = 'HEAD'"
                + "        where r.relation is distinct from 'HEAD'"
                + "          and (" + String.join(" or ", differences) + ")) d"
                + " cross join lateral (values " + String.join(", ", named) + ") c (column_key, differs)"
                + " where c.differs";
    }
}
