package dev.hiveauth.bench.users;

import dev.hiveauth.app.AuthResult;
import dev.hiveauth.bench.measure.LatencyRecorder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What became of each login, counted as its future completes (on the clients' callback threads): approved, with
 * the request's uuid so a login approved twice shows, or failed, by exception class with the first messages kept
 * verbatim. Thread-safe.
 */
final class LoginTally {
    private static final int SAMPLES = 5;

    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong approved = new AtomicLong();
    private final AtomicLong lastCompletionNanos = new AtomicLong();
    private final Set<String> approvedUuids = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> failures = new TreeMap<>();
    private final List<String> samples = new ArrayList<>();
    private final LatencyRecorder latencies = new LatencyRecorder();

    /** Counts {@code login} when it completes; {@code submittedNanos} is when it was handed to its client. */
    void track(CompletableFuture<AuthResult> login, long submittedNanos) {
        login.whenComplete((result, failure) -> {
            long now = System.nanoTime();
            if (failure == null) {
                approved.incrementAndGet();
                approvedUuids.add(result.uuid());
                latencies.record(now - submittedNanos);
            } else {
                failed(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
            lastCompletionNanos.accumulateAndGet(now, Math::max);
            completed.incrementAndGet();
        });
    }

    private synchronized void failed(Throwable failure) {
        failures.merge(failure.getClass().getSimpleName(), 1L, Long::sum);
        if (samples.size() < SAMPLES) {
            samples.add(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
    }

    long completed() {
        return completed.get();
    }

    long approved() {
        return approved.get();
    }

    /** Different uuids among the approved logins: fewer than {@link #approved()} means one was approved twice. */
    long distinctApprovals() {
        return approvedUuids.size();
    }

    long lastCompletionNanos() {
        return lastCompletionNanos.get();
    }

    LatencyRecorder latencies() {
        return latencies;
    }

    /** Failed logins by exception class (e.g. RequestExpiredException), in name order. */
    synchronized Map<String, Long> failures() {
        return Collections.unmodifiableMap(new TreeMap<>(failures));
    }

    synchronized List<String> samples() {
        return List.copyOf(samples);
    }
}
