package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.measure.LatencyRecorder;
import dev.hiveauth.bench.measure.LatencySummary;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed loop: each APP keeps {@code inFlight} auth_reqs outstanding and sends the next one the moment one is
 * answered, until told to stop; the answers arriving inside the measured window are counted, with their latency
 * from the APP's send.
 */
public final class ClosedLoop {
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final AtomicLong answeredInWindow = new AtomicLong();
    private volatile boolean sending = true;

    private ClosedLoop() {
    }

    /** Starts the loop now; the window's ends are {@link System#nanoTime()} instants. */
    public static ClosedLoop start(List<SimulatedApp> apps, int inFlight, long windowStartNanos, long windowEndNanos) {
        ClosedLoop loop = new ClosedLoop();
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

    /** No request is sent after this; those in flight are still answered and counted. */
    public void stopSending() {
        sending = false;
    }

    public long answeredInWindow() {
        return answeredInWindow.get();
    }

    public LatencySummary latency() {
        return latencies.summary();
    }
}
