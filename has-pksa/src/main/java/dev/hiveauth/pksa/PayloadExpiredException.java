package dev.hiveauth.pksa;

/** An accepted payload's request did not come in time, or expired before it was decided. */
public final class PayloadExpiredException extends PksaException {
    private static final long serialVersionUID = 1L;

    PayloadExpiredException(String message) {
        super(message);
    }
}
