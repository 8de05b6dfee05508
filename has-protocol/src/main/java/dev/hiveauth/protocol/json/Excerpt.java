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

    /** The text itself when short, else its first {@value #MAX_CODE_POINTS} code points and "…". */
    public static String of(String text) {
        // A code point is one or two chars: up to MAX chars always fits, beyond 2 × MAX never does.
        if (text.length() <= MAX_CODE_POINTS
                || text.length() <= 2 * MAX_CODE_POINTS && text.codePointCount(0, text.length()) <= MAX_CODE_POINTS) {
            return text;
        }
        // Cut on a code point boundary so the excerpt never ends in half a surrogate pair.
        return text.substring(0, text.offsetByCodePoints(0, MAX_CODE_POINTS)) + "…";
    }
}
