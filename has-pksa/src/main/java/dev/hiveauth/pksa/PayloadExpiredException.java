package dev.hiveauth.pksa;

/** An accepted payload's request did not come in time, or expired before it was decided. */
public final class PayloadExpiredException extends PksaException {
    PayloadExpiredException(String message) {
        super(message);
    }
}
