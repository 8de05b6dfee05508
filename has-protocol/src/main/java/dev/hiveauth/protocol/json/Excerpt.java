package dev.hiveauth.protocol.json;

/**
 * A peer-supplied string shortened for an error message: a peer may send megabytes, and the error goes
 * back to it and into logs.
 */
public final class Excerpt {
    /** Longest excerpt kept, in code points. */
    public static final int MAX_CODE_POINTS = 32;

    private Excerpt() {
    }

    /**
     * The text itself when short, else its first {@value #MAX_CODE_POINTS} code points and "…"; control
     * characters (and lone surrogates) are shown as {@code \\uXXXX}, so an excerpt that reaches a log can
     * never forge or break a log line.
     */
    public static String of(String text) {
        // A code point is one or two chars: up to MAX chars always fits, beyond 2 × MAX never does.
        String kept;
        if (text.length() <= MAX_CODE_POINTS
                || text.length() <= 2 * MAX_CODE_POINTS && text.codePointCount(0, text.length()) <= MAX_CODE_POINTS) {
            kept = text;
        } else {
            // Cut on a code point boundary so the excerpt never ends in half a surrogate pair.
            kept = text.substring(0, text.offsetByCodePoints(0, MAX_CODE_POINTS)) + "…";
        }
        return printable(kept);
    }

    /** The text with control characters, and surrogates not part of a pair, escaped as {@code \\uXXXX}. */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            boolean escape = Character.isISOControl(c) || Character.isSurrogate(c) && !pairedSurrogate
                    || c == '\u2028' || c == '\u2029';
            if (escape && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (escape) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
