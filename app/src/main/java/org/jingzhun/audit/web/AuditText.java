package org.jingzhun.audit.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jingzhun.audit.AuditEvent;
import org.jingzhun.audit.AuditVocabulary;
import org.jingzhun.platform.ChinaClock;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail in the reader's words: its actions and entities translated, and before and after as the list of
 * the fields that changed rather than raw JSON. Pages call it as {@code ${@auditText.action(e.action)}}; a word
 * without a translation shows as stored, so that a new action is never hidden.
 */
@Component("auditText")
public class AuditText {

    /** Fields that change with every edit and say nothing to the reader. */
    private static final Set<String> NOISE = Set.of("version", "updatedAt", "createdAt", "id");
    /** Fields whose values are codes with translations under a prefix of their own. */
    private static final Map<String, String> VALUE_KEYS = Map.ofEntries(Map.entry("category", "category."),
            Map.entry("status", "status."), Map.entry("housingGrade", "housing."), Map.entry("region", "region."),
            Map.entry("roles", "role."), Map.entry("stage", "stage."), Map.entry("state", "objection.state."),
            Map.entry("households", "stage."), Map.entry("procedure", "audit.procedure."), Map.entry("relation", "relation."),
            Map.entry("language", "audit.language."));
    /** Reasons the system itself writes, in English in the trail, by their translations' keys. */
    private static final Map<String, String> SYSTEM_REASONS = Map.of("first start: the national administrator",
            "audit.reason.first-administrator", "first sign-in: the browser's language", "audit.reason.first-language",
            "command line: lost password", "audit.reason.password-reset",
            "command line: lost password; enabled again", "audit.reason.password-reset-enabled");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*(Z|[+-]\\d{2}:\\d{2})");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Reasons the identification writes with the year and the note in them, by their translations' keys. */
    private static final Map<Pattern, String> WRITTEN_REASONS = Map.of(
            Pattern.compile("identification (\\d{4}): announced"), "audit.reason.identification-announced",
            Pattern.compile("import (\\d+): (.*)", Pattern.DOTALL), "audit.reason.import",
            Pattern.compile("identification (\\d{4}): not identified \\((.*)\\)", Pattern.DOTALL),
            "audit.reason.identification-rejected");
    /** Longest value shown in full; the rest is cut (the API gives all of it). */
    private static final int LONGEST_VALUE = 300;

    /** One changed field: its label and its value before and after, as text ("" when absent). */
    public record Change(String field, String before, String after) {
    }

    private final MessageSource messages;
    private final JsonMapper json;
    private final List<AuditVocabulary> vocabularies;

    AuditText(MessageSource messages, JsonMapper json, List<AuditVocabulary> vocabularies) {
        this.messages = messages;
        this.json = json;
        this.vocabularies = List.copyOf(vocabularies);
    }

    /** The action in the reader's language, e.g. "create" as 新建. */
    public String action(String action) {
        return word("audit.action." + action, action);
    }

    /** The entity and its id in the reader's language, e.g. "household 12" as 农户 12. */
    public String entity(String entity, String entityId) {
        return word("audit.entity." + entity, entity) + " " + (entityId == null ? "" : entityId);
    }

    /** The reason as given, or in the reader's language where the system wrote it. */
    public String reason(String reason) {
        if (reason == null) {
            return null;
        }
        String key = SYSTEM_REASONS.get(reason);
        if (key != null) {
            return word(key, reason);
        }
        for (Map.Entry<Pattern, String> written : WRITTEN_REASONS.entrySet()) {
            java.util.regex.Matcher matcher = written.getKey().matcher(reason);
            if (matcher.matches()) {
                Object[] args = new Object[matcher.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = matcher.group(i + 1);
                }
                return messages.getMessage(written.getValue(), args, reason, LocaleContextHolder.getLocale());
            }
        }
        return reason;
    }

    /** The fields that differ between before and after (every field of a creation, of a removal). */
    public List<Change> changes(AuditEvent event) {
        JsonNode before = read(event.before());
        JsonNode after = read(event.after());
        List<Change> changes = new ArrayList<>();
        if ((before == null || !before.isObject()) && (after == null || !after.isObject())) {
            if (before != null || after != null) {
                // A bare value: its field is the action's subject (a language change records the two languages).
                String field = "change-language".equals(event.action()) ? "language" : "";
                changes.add(new Change(word(field.isEmpty() ? "audit.value" : "audit.field." + field, "value"),
                        text(field, before), text(field, after)));
            }
            return changes;
        }
        Set<String> fields = new LinkedHashSet<>();
        collect(before, fields);
        collect(after, fields);
        for (String field : fields) {
            if (NOISE.contains(field)) {
                continue;
            }
            JsonNode was = before == null ? null : before.get(field);
            JsonNode is = after == null ? null : after.get(field);
            if (empty(was) && empty(is) || was != null && was.equals(is)) {
                continue;
            }
            changes.add(new Change(word("audit.field." + field, field), text(field, was), text(field, is)));
        }
        return changes;
    }

    private static void collect(JsonNode node, Set<String> fields) {
        if (node != null && node.isObject()) {
            for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
                fields.add(names.next());
            }
        }
    }

    private static boolean empty(JsonNode node) {
        return node == null || node.isNull() || node.isContainer() && node.isEmpty()
                || node.isString() && node.asString().isEmpty();
    }

    private JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return node.isNull() ? null : node;
        } catch (RuntimeException e) {
            return json.getNodeFactory().stringNode(text); // not JSON: show it as it is
        }
    }

    /** A value as a reader wants it: codes translated, yes and no, lists joined, people by name and ID number. */
    private String text(String field, JsonNode node) {
        if (empty(node)) {
            return "";
        }
        String text;
        if (node.isBoolean()) {
            text = word(node.asBoolean() ? "common.yes" : "common.no", node.asString());
        } else if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            // A person by name and ID number, as the audit trail discloses it to the reader: which person changed is
            // what an auditor looks for.
            node.forEach(item -> parts.add(item.isObject() && item.has("name")
                    ? item.get("name").asString() + (item.hasNonNull("idNumber") ? " (" + item.get("idNumber").asString() + ")" : "")
                    : text(field, item)));
            text = String.join(", ", parts);
        } else if (node.isObject()) {
            List<String> parts = new ArrayList<>();
            String prefix = VALUE_KEYS.get(field);
            node.properties().forEach(entry -> {
                String key = entry.getKey();
                String label = prefix != null ? word(prefix + key, null) : null;
                parts.add((label != null ? label : word("audit.field." + key, key)) + ": " + text(key, entry.getValue()));
            });
            text = String.join(", ", parts);
        } else {
            text = value(field, node.asString());
        }
        return text.length() > LONGEST_VALUE ? text.substring(0, LONGEST_VALUE) + "…" : text;
    }

    /** A single value: a time in China's time, a code by its name where one is known, else as stored. */
    private String value(String field, String value) {
        if (INSTANT.matcher(value).matches()) {
            try {
                return OffsetDateTime.parse(value).atZoneSameInstant(ChinaClock.ZONE).format(MINUTE);
            } catch (DateTimeParseException e) {
                return value;
            }
        }
        String prefix = VALUE_KEYS.get(field);
        if (prefix != null) {
            return word(prefix + value, value);
        }
        Locale locale = LocaleContextHolder.getLocale();
        for (AuditVocabulary vocabulary : vocabularies) {
            Optional<String> name = vocabulary.name(field, value, locale);
            if (name.isPresent()) {
                return name.get();
            }
        }
        return value;
    }

    private String word(String key, String fallback) {
        return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
    }
}
