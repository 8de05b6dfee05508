package dev.hiveauth.app;

/** The HAS refused the request with an {@code error} message instead of a {@code *_wait}. */
public final class ServerErrorException extends HasException {
    private static final long serialVersionUID = 1L;

    /** The HAS's reason. */
    private final String error;

    ServerErrorException(String error, String uuid) {
        super("the HAS refused the request: " + error, uuid, null);
        this.error = error;
    }

    /** The HAS's reason, as it sent it. */
    public String error() {
        return error;
    }
}
