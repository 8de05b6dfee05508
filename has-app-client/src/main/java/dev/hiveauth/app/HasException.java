package dev.hiveauth.app;

/**
 * Why a HiveAuth request or connection did not succeed; each subclass names one reason, so callers can
 * tell a user's refusal from a wallet failure, an expiry, a relay error or a lost connection.
 */
public abstract class HasException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The request id, or null. */
    private final String uuid;

    HasException(String message, String uuid, Throwable cause) {
        super(message, cause);
        this.uuid = uuid;
    }

    /** The request id the HAS gave the request, or null when it never gave one. */
    public String uuid() {
        return uuid;
    }
}
