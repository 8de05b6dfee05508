package dev.hiveauth.bench.roundtrip;

import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What went wrong for one simulated peer: errors the server sent it, frames it did not expect, payloads that
 * did not decrypt, sends that failed, an early close. A few samples of each are kept to show in the report.
 */
final class PeerCounts {
    private static final int SAMPLES = 5;

    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicLong undecryptable = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final List<String> samples = new ArrayList<>();
    private volatile CloseReason closed;

    void recordError(String text) {
        errors.incrementAndGet();
        sample("error: " + text);
    }

    void recordUnexpected(String what) {
        unexpected.incrementAndGet();
        sample("unexpected: " + what);
    }

    void recordUndecryptable() {
        undecryptable.incrementAndGet();
    }

    void recordSendFailure(Throwable failure) {
        sendFailures.incrementAndGet();
        sample("send failed: " + failure);
    }

    void recordClose(CloseReason reason) {
        closed = reason;
    }

    long errors() {
        return errors.get();
    }

    long unexpected() {
        return unexpected.get();
    }

    long undecryptable() {
        return undecryptable.get();
    }

    long sendFailures() {
        return sendFailures.get();
    }

    /** The close the server sent, or null while open (or closed by us). */
    CloseReason closedBy() {
        return closed;
    }

    synchronized List<String> errorSamples() {
        return List.copyOf(samples);
    }

    private synchronized void sample(String text) {
        if (samples.size() < SAMPLES) {
            samples.add(text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
    }
}
