package dev.hiveauth.pksa.service;

/**
 * Makes text from an application safe to print on a terminal: control characters (which could move the
 * cursor, clear the screen or recolour a line to hide what is being approved) are shown as escapes, and long
 * text is cut.
 */
final class TerminalText {
    private TerminalText() {
    }

    static String clean(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (out.length() > maxLength) {
            return out.substring(0, maxLength) + "… (" + (out.length() - maxLength) + " more characters)";
        }
        return out.toString();
    }

    /** A quoted, cleaned string. */
    static String quoted(String text, int maxLength) {
        return "\"" + clean(text, maxLength) + "\"";
    }
}
