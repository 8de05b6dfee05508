package dev.hiveauth.server.relay;

import java.util.concurrent.CompletionException;

/** How a store's failure reads in a log line: its own message, not the wrapper a stage puts around it. */
final class Stores {
    private Stores() {
    }

    static String reason(Throwable failure) {
        Throwable cause = cause(failure);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** What failed, out of the {@link CompletionException} a stage wraps it in. */
    static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
