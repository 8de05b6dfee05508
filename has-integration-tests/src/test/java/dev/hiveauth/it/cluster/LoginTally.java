package dev.hiveauth.it.cluster;

import dev.hiveauth.app.RequestExpiredException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the logins of a run ended, counted from any thread: approved; failed with a reason the app was told (by kind
 * and first words); expired, which the app learns only from its own clock when nobody answered in time (a request the
 * cluster silently dropped ends so); or still unsettled when the test gave up on it (hung).
 */
final class LoginTally {
    /** Enough of a failure's message to tell its reasons apart without the uuids and addresses that follow. */
    private static final int REASON_LENGTH = 60;

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger approved = new AtomicInteger();
    private final AtomicInteger expired = new AtomicInteger();
    private final AtomicInteger hung = new AtomicInteger();
    private final Map<String, Integer> failures = new TreeMap<>();

    void onStart() {
        started.incrementAndGet();
    }

    void onApproval() {
        approved.incrementAndGet();
    }

    /** The login's future failed with {@code failure} (a {@link TimeoutException} when the test gave up waiting). */
    void onFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TimeoutException || cause instanceof CancellationException) {
            hung.incrementAndGet();
        } else if (cause instanceof RequestExpiredException) {
            expired.incrementAndGet();
        } else {
            String message = String.valueOf(cause.getMessage());
            String reason = cause.getClass().getSimpleName() + ": "
                    + message.substring(0, Math.min(REASON_LENGTH, message.length()));
            synchronized (failures) {
                failures.merge(reason, 1, Integer::sum);
            }
        }
    }

    int started() {
        return started.get();
    }

    int approved() {
        return approved.get();
    }

    int expired() {
        return expired.get();
    }

    int hung() {
        return hung.get();
    }

    /** Failures the app was told of, whatever their reason. */
    int reported() {
        synchronized (failures) {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Override
    public String toString() {
        synchronized (failures) {
            return started.get() + " logins started: " + approved.get() + " approved, " + reported() + " failed with a "
                    + "reason the app was told " + failures + ", " + expired.get() + " expired unanswered, " + hung.get()
                    + " unsettled past their timeout";
        }
    }
}
