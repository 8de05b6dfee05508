package dev.hiveauth.bench.external;

import dev.hiveauth.bench.measure.LatencySummary;
import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;
import dev.hiveauth.bench.roundtrip.ServerCounts;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What drives a relay in the external phase: simulated APPs and wallets, connected and registered, that run a closed
 * loop (each APP keeps its requests in flight and sends the next the moment one is answered) and check every answer.
 * Closing it closes every peer.
 */
interface LoadGenerator extends AutoCloseable {
    /** Starts the closed loop now; the measured window opens after {@code warmup} and lasts {@code window}. */
    void start(Duration warmup, Duration window) throws IOException;

    /** Returns when the warm-up is over: take the window's first readings then. */
    void awaitWindowStart();

    /** Returns when the measured window is over: take its last readings then. */
    void awaitWindowEnd();

    /** No request is sent after this; those in flight are still answered. */
    void stopSending() throws IOException;

    /**
     * Waits up to {@code timeout} for the last answers, then judges every request of the run (warm-up and drain
     * included) with what the relay counted ({@code relayCounts} gives null for a relay that counts nothing).
     */
    RoundTripCorrectness drain(Supplier<ServerCounts> relayCounts, Duration timeout) throws InterruptedException;

    /** auth_acks that reached their APP inside the window; final once drained. */
    long answeredInWindow();

    /** APP send → auth_ack for the answers in the window; final once drained. */
    LatencySummary latency();

    /** The CPU time so far (utime + stime) of each process the generator runs in, by name. */
    Map<String, Long> cpuNanos();

    @Override
    void close();
}
