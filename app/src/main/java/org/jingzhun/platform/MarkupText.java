package org.jingzhun.platform;

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
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        escape(out, text);
        return out.toString();
    }

    /** Appends the text, escaped; nothing for null. */
    public static void escape(StringBuilder out, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
