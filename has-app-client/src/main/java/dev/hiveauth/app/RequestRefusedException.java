package dev.hiveauth.app;

/** The user (or the wallet's policy) refused the request: a {@code *_nack} whose data decrypts to the uuid. */
public final class RequestRefusedException extends HasException {
    private static final long serialVersionUID = 1L;

    /** The reason the wallet gave, or null. */
    private final String reason;

    RequestRefusedException(String uuid, String reason) {
        super("the request " + uuid + " was refused" + (reason == null ? "" : ": " + reason), uuid, null);
        this.reason = reason;
    }

    /** The plain-text reason some wallets add to a nack (Hive Keychain Mobile), or null. */
    public String reason() {
        return reason;
    }
}
