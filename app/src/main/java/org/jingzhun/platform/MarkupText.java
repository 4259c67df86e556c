package org.jingzhun.platform;

import org.unbescape.html.HtmlEscape;

/**
 * Text put into HTML written in Java, escaped as the templates' {@code th:text} escapes it: the five characters that
 * mean markup as entities, nothing else changed. For the few tables written in Java because their hundreds of cells
 * were most of a page's rendering.
 */
public final class MarkupText {

    private MarkupText() {
    }

    /** The text, escaped; empty for null. */
    public static String escaped(String text) {
        // The escaper the templates use for th:text (unbescape, Thymeleaf's own): &, <, >, " and ' only.
        return text == null ? "" : HtmlEscape.escapeHtml4Xml(text);
    }

    /** Appends the text, escaped; nothing for null. */
    public static void escape(StringBuilder out, String text) {
        out.append(escaped(text));
    }
}
