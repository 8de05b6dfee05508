package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.LatencyRecorder;
import dev.hiveauth.bench.measure.LatencySummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed loop: each APP keeps {@code inFlight} auth_reqs outstanding and sends the next one the moment one is
 * answered, until told to stop; the answers arriving inside the measured window are counted, with their latency
 * from the APP's send.
 */
public final class ClosedLoop implements RequestLoop {
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final AtomicLong answeredInWindow = new AtomicLong();
    private final long windowStartNanos;
    private final long windowEndNanos;
    private volatile boolean sending = true;

    private ClosedLoop(long windowStartNanos, long windowEndNanos) {
        this.windowStartNanos = windowStartNanos;
        this.windowEndNanos = windowEndNanos;
    }

    /** Starts the loop now; the measured window opens after {@code warmup} and lasts {@code window}. */
    public static ClosedLoop start(List<SimulatedApp> apps, int inFlight, Duration warmup, Duration window) {
        long windowStartNanos = System.nanoTime() + warmup.toNanos();
        long windowEndNanos = windowStartNanos + window.toNanos();
        ClosedLoop loop = new ClosedLoop(windowStartNanos, windowEndNanos);
        for (SimulatedApp app : apps) {
            app.onAnswered((answeredBy, startNanos, endNanos) -> {
                if (endNanos >= windowStartNanos && endNanos < windowEndNanos) {
                    loop.answeredInWindow.incrementAndGet();
                    loop.latencies.record(endNanos - startNanos);
                }
                if (loop.sending) {
                    answeredBy.send(System.nanoTime());
                }
            });
        }
        for (SimulatedApp app : apps) {
            for (int i = 0; i < inFlight; i++) {
                app.send(System.nanoTime());
            }
        }
        return loop;
    }

    @Override
    public void awaitWindowStart() {
        Pacing.sleepUntil(windowStartNanos);
    }

    @Override
    public void awaitWindowEnd() {
        Pacing.sleepUntil(windowEndNanos);
    }

    /** No request is sent after this; those in flight are still answered and counted. */
    @Override
    public void stopSending() {
        sending = false;
    }

    @Override
    public long answeredInWindow() {
        return answeredInWindow.get();
    }

    /** APP send → auth_ack, for the answers arriving in the window. */
    @Override
    public LatencySummary latency() {
        return latencies.summary();
    }
}
