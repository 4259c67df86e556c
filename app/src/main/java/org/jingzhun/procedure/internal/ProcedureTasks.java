package org.jingzhun.procedure.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.inbox.TaskKind;
import org.jingzhun.inbox.TaskKinds;
import org.jingzhun.platform.Caller;
import org.jingzhun.procedure.Definition;
import org.jingzhun.procedure.Procedures.Filter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The engine's tasks in the inbox, for every procedure a definition declares: one kind per step (the cases whose
 * next step the caller makes, ready now), the publicities ending, and the objections the caller decides. Each is
 * counted within the areas the caller holds at the levels that make it, no further than the inbox's cap.
 */
@Component
class ProcedureTasks implements TaskKinds {

    private final ObjectProvider<Definition> definitions;
    private final JdbcClient jdbc;
    private final Clock clock;

    ProcedureTasks(ObjectProvider<Definition> definitions, JdbcClient jdbc, Clock clock) {
        this.definitions = definitions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<TaskKind> kinds() {
        List<TaskKind> kinds = new ArrayList<>();
        definitions.orderedStream().forEach(definition -> {
            for (Definition.Step step : definition.steps()) {
                kinds.add(new Task(definition, step.from(), Filter.READY, List.of(step.maker()),
                        named("procedure.task.step", procedureName(definition), named("step." + step.name(), words(step.name())))));
            }
            kinds.add(new Task(definition, null, Filter.OBJECTED, definition.objections(),
                    named("procedure.task.objected", procedureName(definition))));
            if (definition.steps().stream().anyMatch(s -> s.kind() == Definition.Kind.STARTS_PUBLICITY)) {
                List<Definition.Maker> followers = definition.steps().stream()
                        .filter(s -> s.kind() == Definition.Kind.STARTS_PUBLICITY || s.kind() == Definition.Kind.DECISION_AFTER_PUBLICITY)
                        .map(Definition.Step::maker).toList();
                kinds.add(new Task(definition, null, Filter.ENDING, followers,
                        named("procedure.task.ending", procedureName(definition), CaseLists.ENDING_DAYS)));
            }
        });
        return kinds;
    }

    /**
     * Counts the cases of the list within the areas the caller holds at the levels of any maker whose role they
     * have, stopping at {@code limit}: the subquery's limit keeps a national count bounded.
     */
    long count(Definition definition, String stage, Filter filter, List<Definition.Maker> makers, Caller caller, int limit) {
        Set<String> areas = caller.areas().stream()
                .filter(area -> makers.stream().anyMatch(m -> caller.has(m.role())
                        && AreaLevel.ofCodeLength(area.length()).filter(m.levels()::contains).isPresent()))
                .collect(Collectors.toSet());
        if (areas.isEmpty()) {
            return 0;
        }
        CaseLists.Where where = CaseLists.of(definition, stage, filter, LocalDate.now(clock));
        Caller.Restriction scope = new Caller(caller.userId(), caller.login(), caller.roles(), areas).restrict("c.area_code");
        return jdbc.sql("select count(*) from (select 1 from procedure_case c where " + where.sql() + " and " + scope.sql()
                        + " limit :limit) capped")
                .params(where.parameters()).params(scope.parameters()).param("limit", limit).query(Long.class).single();
    }

    private static MessageSourceResolvable procedureName(Definition definition) {
        return named("procedure.name." + definition.name(), words(definition.name()));
    }

    /** A name without words of its own yet (a definition newer than its messages), in lower case. */
    private static String words(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static MessageSourceResolvable named(String key, Object... args) {
        return new DefaultMessageSourceResolvable(new String[] {key}, args);
    }

    private static MessageSourceResolvable named(String key, String otherwise) {
        return new DefaultMessageSourceResolvable(new String[] {key}, null, otherwise);
    }

    /** One kind of the engine's tasks: a list of a procedure's cases, made by some makers. */
    private final class Task implements TaskKind {

        private final Definition definition;
        private final String stage;
        private final Filter filter;
        private final List<Definition.Maker> makers;
        private final MessageSourceResolvable label;

        Task(Definition definition, String stage, Filter filter, List<Definition.Maker> makers, MessageSourceResolvable label) {
            this.definition = definition;
            this.stage = stage;
            this.filter = filter;
            this.makers = makers;
            this.label = label;
        }

        @Override
        public long count(Caller caller, int limit) {
            return ProcedureTasks.this.count(definition, stage, filter, makers, caller, limit);
        }

        @Override
        public MessageSourceResolvable label() {
            return label;
        }

        @Override
        public String link(Caller caller) {
            return UriComponentsBuilder.fromPath("/procedures/cases").queryParam("procedure", definition.name())
                    .queryParamIfPresent("stage", java.util.Optional.ofNullable(stage)).queryParam("filter", filter)
                    .build().toUriString();
        }
    }
}
