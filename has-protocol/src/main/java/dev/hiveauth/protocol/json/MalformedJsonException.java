package dev.hiveauth.protocol.json;

/**
 * A text that {@link StrictJson} refuses, with the {@link Kind} of problem so callers can word it for their
 * audience (or, for a decrypted payload, tell "not this key" from "a broken payload").
 */
public final class MalformedJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the text. */
    public enum Kind {
        /** Nothing but whitespace. */
        EMPTY,
        /** Not JSON at all, or JSON with a syntax error. */
        SYNTAX,
        /** A complete JSON value followed by more text. */
        TRAILING_DATA,
        /** Valid JSON whose top-level value is not an object. */
        NOT_OBJECT,
        /** An object with the same key twice. */
        DUPLICATE_KEY,
        /** Objects and arrays nested deeper than {@link StrictJson#MAX_DEPTH}. */
        TOO_DEEP,
        /** A number, string or key longer than the parser's limits, or a number whose exponent is too large. */
        TOO_LONG
    }

    /** What kind of problem. */
    private final Kind kind;

    MalformedJsonException(Kind kind, String message) {
        // No stack trace: a malformed frame is an expected input from a peer, not a bug, and peers can send many.
        super(message, null, false, false);
        this.kind = kind;
    }

    /** What kind of problem, so callers can react without matching the message. */
    public Kind kind() {
        return kind;
    }
}
