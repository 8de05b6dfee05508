package dev.hiveauth.protocol.chain;

/**
 * Chain data that cannot be what the chain expects: the message names where (e.g. {@code transfer.amount})
 * and why ({@code "1.0000 HIVE" has 4 decimals, HIVE takes 3}).
 */
public class ChainFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Where the problem is; empty when not known. */
    private final String path;
    /** Why, without the path. */
    private final String reason;

    /** A problem at {@code path} (dot-separated field names, {@code [i]} for list items; may be empty). */
    public ChainFormatException(String path, String reason) {
        super(path == null || path.isEmpty() ? reason : path + ": " + reason);
        this.path = path == null ? "" : path;
        this.reason = reason;
    }

    /** Where the problem is, e.g. {@code account_create.owner.key_auths[0]}; empty when not known. */
    public String path() {
        return path;
    }

    /** Why, without the path. */
    public String reason() {
        return reason;
    }

    /** The same reason, reported at {@code newPath} (used when a standalone parser runs inside a field). */
    ChainFormatException at(String newPath) {
        return new ChainFormatException(newPath, reason);
    }
}
