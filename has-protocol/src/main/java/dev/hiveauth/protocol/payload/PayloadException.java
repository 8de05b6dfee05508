package dev.hiveauth.protocol.payload;

/**
 * A payload that decrypted (or parsed) but is not valid, e.g. {@code sign_req_data: "key_type" must be
 * posting or active}. Unchecked and without a stack trace: it describes a peer's input.
 */
public final class PayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A payload that opened but is not valid, for the reason {@code message} gives. */
    public PayloadException(String message) {
        super(message, null, false, false);
    }
}
