package dev.hiveauth.pksa;

/**
 * The request the relay forwarded under an accepted payload's uuid cannot be what the application meant: it does
 * not open with the payload's key, or what it holds is invalid, or the same payload was accepted again.
 */
public final class PayloadMismatchException extends PksaException {
    private static final long serialVersionUID = 1L;

    PayloadMismatchException(String message) {
        super(message);
    }
}
