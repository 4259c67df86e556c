package org.jingzhun.audit.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jingzhun.audit.AuditDisclosure;
import org.jingzhun.audit.AuditEvent;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** The audit trail in {@code audit_event}, written with the caller's transaction. */
@Service
class AuditLog implements AuditTrail {

    static final int MAX_RESULTS = 500;
    /** Dates of a search are days in China. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final List<AuditDisclosure> disclosures;

    AuditLog(JdbcClient jdbc, JsonMapper json, List<AuditDisclosure> disclosures) {
        this.jdbc = jdbc;
        this.json = json;
        this.disclosures = List.copyOf(disclosures);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY) // a change and its record commit together or not at all
    public void record(String entity, String entityId, String action, Object before, Object after, String reason,
                       String areaCode) {
        Caller caller = Caller.current().orElse(null);
        jdbc.sql("""
                insert into audit_event (actor_id, actor_login, entity, entity_id, action, before, after, reason, area_code)
                values (:actorId, :actorLogin, :entity, :entityId, :action, :before::jsonb, :after::jsonb, :reason, :area)""")
                .param("actorId", caller == null ? null : caller.userId())
                .param("actorLogin", caller == null ? "system" : caller.login())
                .param("entity", entity).param("entityId", entityId).param("action", action)
                .param("before", before == null ? null : json.writeValueAsString(before))
                .param("after", after == null ? null : json.writeValueAsString(after))
                .param("reason", reason == null || reason.isBlank() ? null : reason.strip())
                .param("area", areaCode == null ? "" : areaCode)
                .update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int recordEach(String entity, String action, String reason, List<Change> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        // One statement for the list, its columns as arrays: a county's list of tens of thousands in one round trip.
        Caller caller = Caller.current().orElse(null);
        return jdbc.sql("""
                insert into audit_event (actor_id, actor_login, entity, entity_id, action, before, after, reason, area_code)
                select :actorId, :actorLogin, :entity, c.entity_id, :action, c.before, c.after, :reason, coalesce(c.area_code, '')
                  from unnest(:ids::text[], :areas::text[], :befores::jsonb[], :afters::jsonb[])
                       with ordinality c (entity_id, area_code, before, after, n)
                 order by c.n""")
                .param("actorId", caller == null ? null : caller.userId())
                .param("actorLogin", caller == null ? "system" : caller.login())
                .param("entity", entity).param("action", action).param("reason", reasonOf(reason))
                .param("ids", changes.stream().map(Change::entityId).toArray(String[]::new))
                .param("areas", changes.stream().map(Change::areaCode).toArray(String[]::new))
                .param("befores", changes.stream().map(c -> jsonOrNull(c.before())).toArray(String[]::new))
                .param("afters", changes.stream().map(c -> jsonOrNull(c.after())).toArray(String[]::new))
                .update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY) // the staging lives as long as the caller's transaction
    public void stage() {
        jdbc.sql("drop table if exists " + STAGED).update();
        jdbc.sql("create temp table audit_staged (entity_id text not null, area_code text, before jsonb, after jsonb,"
                + " n bigserial) on commit drop").update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int recordStaged(String entity, String action, String reason) {
        Caller caller = Caller.current().orElse(null);
        int recorded = jdbc.sql("""
                insert into audit_event (actor_id, actor_login, entity, entity_id, action, before, after, reason, area_code)
                select :actorId, :actorLogin, :entity, s.entity_id, :action, s.before, s.after, :reason, coalesce(s.area_code, '')
                  from pg_temp.audit_staged s order by s.n""")
                .param("actorId", caller == null ? null : caller.userId())
                .param("actorLogin", caller == null ? "system" : caller.login())
                .param("entity", entity).param("action", action).param("reason", reasonOf(reason))
                .update();
        jdbc.sql("truncate " + STAGED).update();
        return recorded;
    }

    private String jsonOrNull(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    private static String reasonOf(String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    @Override
    public List<AuditEvent> history(String entity, String entityId) {
        Caller caller = Caller.required();
        Caller.Restriction scope = caller.restrict("area_code");
        return jdbc.sql("select id, at, actor_login, entity, entity_id, action, before::text, after::text, reason, area_code"
                        + " from audit_event where entity = :entity and entity_id = :entityId and " + scope.sql()
                        + " order by at desc, id desc limit :limit")
                .params(scope.parameters()).param("entity", entity).param("entityId", entityId).param("limit", MAX_RESULTS)
                .query(this::event).list().stream().map(e -> disclosed(e, caller)).toList();
    }

    @Override
    public List<AuditEvent> search(AuditQuery query) {
        return page(where(query), 0, Math.clamp(query.limit(), 1, MAX_RESULTS));
    }

    @Override
    public AuditPage search(AuditQuery query, int page) {
        int size = Math.clamp(query.limit(), 1, MAX_RESULTS);
        int number = Math.max(page, 0);
        Where where = where(query);
        long total = jdbc.sql("select count(*) from (select 1 from audit_event where " + where.sql() + " limit :cap) c")
                .params(where.params()).param("cap", AuditPage.COUNT_LIMIT + 1).query(Long.class).single();
        List<AuditEvent> events = (long) number * size < total ? page(where, (long) number * size, size) : List.of();
        return new AuditPage(events, number, size, Math.min(total, AuditPage.COUNT_LIMIT), total > AuditPage.COUNT_LIMIT);
    }

    private List<AuditEvent> page(Where where, long offset, int size) {
        Caller caller = Caller.required();
        return jdbc.sql("select id, at, actor_login, entity, entity_id, action, before::text, after::text, reason, area_code"
                        + " from audit_event where " + where.sql()
                        + " order by at desc, id desc limit :limit offset :offset")
                .params(where.params()).param("limit", size).param("offset", offset)
                .query(this::event)
                .list().stream().map(e -> disclosed(e, caller)).toList();
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    /** The conditions of a search, inside the caller's areas. */
    private Where where(AuditQuery query) {
        Caller caller = Caller.required();
        caller.requireAny(Role.AUDITOR, Role.ADMINISTRATOR);
        Caller.Restriction scope = caller.restrict("area_code");
        List<String> conditions = new ArrayList<>(List.of(scope.sql()));
        Map<String, Object> params = new LinkedHashMap<>(scope.parameters());
        if (notBlank(query.areaCode())) {
            if (!query.areaCode().strip().matches("\\d{1,12}")) {
                throw DomainException.invalid(List.of(new DomainException.FieldProblem("areaCode", "format",
                        "audit.area.format", query.areaCode())));
            }
            conditions.add("area_code like :area");
            params.put("area", query.areaCode().strip() + "%");
        }
        if (notBlank(query.actorLogin())) {
            conditions.add("actor_login = :actor");
            params.put("actor", query.actorLogin().strip());
        }
        if (notBlank(query.entity())) {
            conditions.add("entity = :entity");
            params.put("entity", query.entity().strip());
        }
        if (notBlank(query.entityId())) {
            conditions.add("entity_id = :entityId");
            params.put("entityId", query.entityId().strip());
        }
        if (query.from() != null) {
            conditions.add("at >= :from");
            params.put("from", query.from().atStartOfDay(CHINA).toOffsetDateTime());
        }
        if (query.to() != null) {
            conditions.add("at < :to");
            params.put("to", query.to().plusDays(1).atStartOfDay(CHINA).toOffsetDateTime());
        }
        return new Where(String.join(" and ", conditions), params);
    }

    /** The event as the caller may see it: the entity's feature decides what its recorded states show. */
    private AuditEvent disclosed(AuditEvent e, Caller caller) {
        List<AuditDisclosure> covering = disclosures.stream().filter(d -> d.covers(e.entity())).toList();
        if (covering.isEmpty()) {
            return e;
        }
        return new AuditEvent(e.id(), e.at(), e.actorLogin(), e.entity(), e.entityId(), e.action(),
                disclosed(e.before(), e.areaCode(), caller, covering), disclosed(e.after(), e.areaCode(), caller, covering),
                e.reason(), e.areaCode());
    }

    private String disclosed(String state, String areaCode, Caller caller, List<AuditDisclosure> covering) {
        if (state == null) {
            return null;
        }
        tools.jackson.databind.JsonNode node = json.readTree(state);
        if (!(node instanceof tools.jackson.databind.node.ObjectNode object)) {
            return state;
        }
        covering.forEach(d -> d.disclose(object, areaCode, caller));
        return json.writeValueAsString(object);
    }

    private AuditEvent event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEvent(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10));
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
