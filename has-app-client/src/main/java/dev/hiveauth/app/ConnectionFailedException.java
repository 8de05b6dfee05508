package dev.hiveauth.app;

/** The client could not open a connection to the HAS, or the HAS did not greet it with {@code connected}. */
public final class ConnectionFailedException extends HasException {
    private static final long serialVersionUID = 1L;

    ConnectionFailedException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
