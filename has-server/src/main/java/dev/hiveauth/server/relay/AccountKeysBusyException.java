package dev.hiveauth.server.relay;

/**
 * An account lookup refused because the relay already asks the Hive nodes all it will: the lookup queue is full, or
 * the lookup waited too long in it. Passing by nature: the message tells the wallet to try again later.
 */
public final class AccountKeysBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A lookup refused for the reason {@code message} gives. */
    public AccountKeysBusyException(String message) {
        super(message, null, false, false); // a refusal under load: no stack trace to fill, thousands a second
    }
}
