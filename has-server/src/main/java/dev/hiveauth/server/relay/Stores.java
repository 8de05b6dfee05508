package dev.hiveauth.server.relay;

import java.util.concurrent.CompletionException;

/** How a store's failure reads in a log line: its own message, not the wrapper a stage puts around it. */
final class Stores {
    private Stores() {
    }

    static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
