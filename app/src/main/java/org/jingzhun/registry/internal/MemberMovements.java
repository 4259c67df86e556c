package org.jingzhun.registry.internal;

import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdDisclosure;
import org.jingzhun.registry.HouseholdForm;
import org.jingzhun.registry.Households;
import org.jingzhun.registry.Member;
import org.jingzhun.registry.MemberChange;
import org.jingzhun.registry.internal.HouseholdValidation.CheckedMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Members joining and leaving households, in the transaction of the registry's change: the checks of their days and
 * reasons, the moves of a split or a merge, and the member history (member_event, V67) that keeps every stay.
 */
@Component
class MemberMovements {

    /** A member on record who leaves, on a day, for a reason. */
    record Leaving(Member member, LocalDate day, Member.LeaveReason reason) {
    }

    /** A person who joins, on a day, for a reason. */
    record Joining(CheckedMember member, LocalDate day, Member.JoinReason reason) {
    }

    /** What an edit does to the household's members beyond changing their fields. */
    record Moves(List<Leaving> leaving, List<Joining> joining) {
        /** Nobody joins or leaves: a household recorded with its members. */
        static final Moves NONE = new Moves(List.of(), List.of());

        LocalDate joinedOn(CheckedMember member) {
            return joining.stream().filter(j -> j.member() == member).map(Joining::day).findFirst().orElse(null);
        }

        String joinReason(CheckedMember member) {
            return joining.stream().filter(j -> j.member() == member).map(j -> j.reason().name()).findFirst().orElse(null);
        }
    }

    /** A split checked: who leaves, the new household's head, the day, the household's own head after (null: unchanged). */
    record SplitPlan(List<Member> leaving, String head, LocalDate day, String remainingHead) {
    }

    private final JdbcClient jdbc;
    private final java.time.Clock clock;
    private final RegistryChangeLog changes;

    MemberMovements(JdbcClient jdbc, java.time.Clock clock, RegistryChangeLog changes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * Who leaves and who joins in an edit of {@code before}: each member missing from the form needs a departure (day
     * and reason), each person new to the household the day and reason of joining; refused naming every missing field.
     */
    Moves moves(Household before, HouseholdForm form, List<CheckedMember> members) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> onForm = members.stream().map(m -> m.id().value()).collect(Collectors.toSet());
        Set<String> current = before.members().stream().map(Member::idNumber).collect(Collectors.toSet());
        List<HouseholdForm.Departure> departures = form.departures() == null ? List.of() : form.departures();
        List<Leaving> leaving = new ArrayList<>();
        for (Member member : before.members()) {
            if (onForm.contains(member.idNumber())) {
                continue;
            }
            int k = 0;
            while (k < departures.size() && (departures.get(k) == null
                    || !member.idNumber().equals(normalized(departures.get(k).idNumber())))) {
                k++;
            }
            if (k == departures.size()) {
                problems.add(new FieldProblem("departures", "required", "member.leave.required", member.name(),
                        HouseholdDisclosure.maskIdNumber(member.idNumber())));
                continue;
            }
            HouseholdForm.Departure departure = departures.get(k);
            Member.LeaveReason reason = reason(Member.LeaveReason.class, Member.LEAVES_ALONE, departure.reason(),
                    "departures[" + k + "].reason", "member.leave.reason", problems);
            LocalDate day = day(departure.day(), "departures[" + k + "].day", startOf(member, before.formedOn()), problems);
            if (reason != null && day != null) {
                leaving.add(new Leaving(member, day, reason));
            }
        }
        List<Joining> joining = new ArrayList<>();
        for (CheckedMember member : members) {
            if (current.contains(member.id().value())) {
                continue;
            }
            String at = "members[" + form.members().indexOf(member.form()) + "].";
            Member.JoinReason reason = reason(Member.JoinReason.class, Member.JOINS_ALONE, member.form().joinReason(),
                    at + "joinReason", "member.join.reason", problems);
            LocalDate day = day(member.form().joinedOn(), at + "joinedOn", latest(member.id().birthDate(), before.formedOn()), problems);
            if (reason != null && day != null) {
                joining.add(new Joining(member, day, reason));
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        return new Moves(leaving, joining);
    }

    /** A split of {@code before} checked, every problem named. */
    SplitPlan splitPlan(Household before, Households.Split split) {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> ids = split == null || split.idNumbers() == null ? List.of()
                : split.idNumbers().stream().limit(100).map(MemberMovements::normalized).distinct().toList();
        Map<String, Member> byId = new HashMap<>();
        before.members().forEach(m -> byId.put(m.idNumber(), m));
        List<Member> leaving = ids.stream().map(byId::get).toList();
        if (ids.isEmpty() || leaving.contains(null) || leaving.size() == before.members().size()) {
            problems.add(new FieldProblem("idNumbers", "members", "household.split.members"));
            leaving = List.of();
        }
        String head = split == null ? null : normalized(split.head());
        if (head == null || !ids.contains(head)) {
            problems.add(new FieldProblem("head", "required", "household.split.head"));
        }
        String remainingHead = null;
        if (ids.contains(before.head().idNumber())) {
            remainingHead = normalized(split.remainingHead());
            if (remainingHead == null || ids.contains(remainingHead) || !byId.containsKey(remainingHead)) {
                problems.add(new FieldProblem("remainingHead", "required", "member.new-head.required"));
            }
        }
        LocalDate day = day(split == null ? null : split.day(), "day", startOf(leaving, before.formedOn()), problems);
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        return new SplitPlan(leaving, head, day, remainingHead);
    }

    /** The day members move (a merge), refused under {@code field} when missing, malformed, future or before any stay began. */
    LocalDate dayOf(String text, String field, List<Member> members, LocalDate formedOn) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate day = day(text, field, startOf(members, formedOn), problems);
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        return day;
    }

    /**
     * Members leave {@code from} on {@code day} and join household {@code to}: a leave and a join in the history of each,
     * linked to the other. {@code head} becomes the head there; a head of before who is not becomes another member.
     */
    void move(Household from, List<Member> members, long to, String head, LocalDate day, Member.LeaveReason leave,
              Member.JoinReason join, String note, OffsetDateTime now) {
        Long[] ids = members.stream().map(Member::id).toArray(Long[]::new);
        for (Member member : members) {
            event(member.id(), "LEAVE", leave.name(), day, to, note, now);
        }
        jdbc.sql("""
                update member set household_id = :to, village_code = (select village_code from household where id = :to),
                       county_code = (select county_code from household where id = :to),
                       joined_on = :day, join_reason = :reason,
                       relation = case when id_number = :head then 'HEAD' when relation = 'HEAD' then 'OTHER' else relation end
                 where id = any(:ids)""")
                .param("to", to).param("day", day).param("reason", join.name()).param("head", head, Types.VARCHAR)
                .param("ids", ids).update();
        changes.personsMoved(ids);
        for (Member member : members) {
            event(member.id(), "JOIN", join.name(), day, from.id(), note, now);
        }
    }

    /**
     * One row of the member history, of the member's household as it is now: for a leave, the member as on the register
     * and the day the stay began, so that the stay is kept whole.
     */
    void event(long memberId, String kind, String reason, LocalDate day, Long other, String note, OffsetDateTime now) {
        jdbc.sql("""
                insert into member_event (household_id, county_code, village_code, kind, reason, day, year, joined_on, member_id,
                                          name, id_number, member, other_household_id, other_county_code, note,
                                          recorded_by, recorded_at)
                select h.id, h.county_code, h.village_code, cast(:kind as text), :reason, :day, :year,
                       case when cast(:kind as text) = 'LEAVE' then m.joined_on end, m.id, m.name, m.id_number, to_jsonb(m),
                       o.id, o.county_code, :note, :by, :now
                  from member m join household h on h.id = m.household_id
                  left join household o on o.id = :other
                 where m.id = :member""")
                .param("kind", kind).param("reason", reason).param("day", day).param("year", day.getYear())
                .param("other", other, Types.BIGINT).param("note", note == null || note.isBlank() ? null : note.strip(), Types.VARCHAR)
                .param("by", Caller.required().login()).param("now", now).param("member", memberId).update();
    }

    /**
     * The member history of a household, as {@code disclosure} shows it: the members recorded with the household first
     * (joined with it, on the day it was recorded), then each join and leave in the order they happened.
     */
    List<MemberChange> history(Household household, HouseholdDisclosure disclosure, Caller caller) {
        List<MemberChange> changes = jdbc.sql("""
                select * from (
                    select e.day, e.year, e.kind, e.reason, e.name, e.id_number, e.other_household_id, e.note, e.recorded_by,
                           e.recorded_at, e.id as seq
                      from member_event e where e.household_id = :id
                    union all
                    select (h.created_at at time zone 'Asia/Shanghai')::date, extract(year from h.created_at at time zone 'Asia/Shanghai')::int,
                           'JOIN', null, m.name, m.id_number, null, null, null, h.created_at, 0
                      from member m join household h on h.id = m.household_id
                     where m.household_id = :id and m.joined_on is null
                    union all
                    select (h.created_at at time zone 'Asia/Shanghai')::date, extract(year from h.created_at at time zone 'Asia/Shanghai')::int,
                           'JOIN', null, e.name, e.id_number, null, null, null, h.created_at, 0
                      from member_event e join household h on h.id = e.household_id
                     where e.household_id = :id and e.kind = 'LEAVE' and e.joined_on is null) changes
                 order by seq <> 0, day, seq, name""")
                .param("id", household.id())
                .query((rs, i) -> new MemberChange(rs.getObject("day", LocalDate.class), rs.getInt("year"),
                        MemberChange.Kind.valueOf(rs.getString("kind")), rs.getString("reason"), rs.getString("name"),
                        disclosure.idNumber(rs.getString("id_number"), household.villageCode()),
                        (Long) rs.getObject("other_household_id", Long.class), null, rs.getString("note"),
                        rs.getString("recorded_by"), rs.getObject("recorded_at", OffsetDateTime.class)))
                .list();
        Map<Long, String> heads = otherHeads(changes.stream().map(MemberChange::otherHousehold)
                .filter(java.util.Objects::nonNull).distinct().toList(), caller);
        return changes.stream().map(c -> c.otherHousehold() == null ? c : new MemberChange(c.day(), c.year(), c.kind(),
                c.reason(), c.name(), c.idNumber(), heads.containsKey(c.otherHousehold()) ? c.otherHousehold() : null,
                heads.get(c.otherHousehold()), c.note(), c.recordedBy(), c.recordedAt())).toList();
    }

    /** The name of the head a household had last, of the household {@code h.id}: it had no members since. */
    private static final String LAST_HEAD = "select name from member_event where household_id = h.id and kind = 'LEAVE'"
            + " and member ->> 'relation' = 'HEAD' order by id desc limit 1";

    /** The name of the last head of a household without members (it merged into another); blank when none is known. */
    String lastHead(long household) {
        return jdbc.sql("select (" + LAST_HEAD + ") from household h where h.id = :id").param("id", household)
                .query(String.class).optional().map(name -> name == null ? "" : name).orElse("");
    }

    /** The heads (or last heads) of the linked households the caller reaches; the others are left out. */
    private Map<Long, String> otherHeads(List<Long> ids, Caller caller) {
        Map<Long, String> heads = new HashMap<>();
        if (ids.isEmpty()) {
            return heads;
        }
        jdbc.sql("select h.id, h.village_code, coalesce((select name from member where household_id = h.id and relation = 'HEAD'),"
                        + " (" + LAST_HEAD + "), '') as head from household h where h.id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    if (caller.reaches(rs.getString("village_code"))) {
                        heads.put(rs.getLong("id"), rs.getString("head"));
                    }
                });
        return heads;
    }

    /** The day something happened to members: given, ISO, not in the future, not before {@code notBefore}. */
    private LocalDate day(String text, String field, LocalDate notBefore, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem(field, "required", "member.day.required"));
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "format", "member.day.format", text.strip().length() > 20 ? "" : text.strip()));
            return null;
        }
        LocalDate today = LocalDate.now(clock);
        if (day.isAfter(today)) {
            problems.add(new FieldProblem(field, "future", "member.day.future", day.toString(), today.toString()));
            return null;
        }
        if (notBefore != null && day.isBefore(notBefore)) {
            problems.add(new FieldProblem(field, "too-early", "member.day.before", day.toString(), notBefore.toString()));
            return null;
        }
        return day;
    }

    private static <E extends Enum<E>> E reason(Class<E> type, Set<E> allowed, String text, String field, String key,
                                                List<FieldProblem> problems) {
        for (E value : allowed) {
            if (value.name().equals(text == null ? null : text.strip())) {
                return value;
            }
        }
        problems.add(new FieldProblem(field, text == null || text.isBlank() ? "required" : "unknown", key));
        return null;
    }

    /** The earliest day a member's stay allows something to happen to it: born, joined, and the household formed. */
    private static LocalDate startOf(Member member, LocalDate formedOn) {
        return latest(latest(member.birthDate(), member.joinedOn()), formedOn);
    }

    private static LocalDate startOf(List<Member> members, LocalDate formedOn) {
        LocalDate start = formedOn;
        for (Member member : members) {
            start = latest(start, startOf(member, formedOn));
        }
        return start;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /** An ID number as the register keeps it; null when blank. */
    static String normalized(String idNumber) {
        return idNumber == null || idNumber.isBlank() ? null : idNumber.strip().toUpperCase(Locale.ROOT);
    }

    /** A member on record as a form gives it back, with the relation it will have. */
    static HouseholdForm.MemberForm form(Member m, Member.Relation relation) {
        return new HouseholdForm.MemberForm(m.name(), m.idNumber(), relation.name(), null, null, m.ethnicity(), m.education(),
                m.schooling(), m.health().name(), m.disabilityGrade(), m.workAbility(), m.skills(), m.migrantPlace(),
                m.migrantMonths());
    }

    /** A household on record as a form gives it back, with other members and who leaves. */
    static HouseholdForm form(Household h, List<HouseholdForm.MemberForm> members, List<HouseholdForm.Departure> departures) {
        return new HouseholdForm(h.villageCode(), h.groupName(), h.address(), h.phone(), h.category().name(), h.mainCause(),
                h.otherCauses(), h.housingGrade(), h.safeWater(), h.production(), h.bankAccount(), h.registeredYear(),
                h.incomes(), members, h.externalRef(), departures);
    }
}
