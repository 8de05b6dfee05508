package dev.hiveauth.protocol.crypto;

/**
 * A memo could not be read, encrypted or decrypted. The message says what is wrong in words a peer can be
 * shown; it never contains key material.
 */
public final class MemoException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, so callers can react (or count) without matching message text. */
    public enum Reason {
        /** The input is not a memo at all: not '#', not Base58, truncated, bad lengths, invalid keys or text. */
        MALFORMED,
        /** The check does not match: the memo was not made for (or by) this key. */
        WRONG_KEY,
        /** The check matched but the content does not decrypt to text: tampered ciphertext or a sender bug. */
        UNREADABLE
    }

    /** What kind of failure. */
    private final Reason reason;

    MemoException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** What kind of failure, so callers can react without matching the message. */
    public Reason reason() {
        return reason;
    }

    static MemoException malformed(String message) {
        return new MemoException(Reason.MALFORMED, message);
    }
}
