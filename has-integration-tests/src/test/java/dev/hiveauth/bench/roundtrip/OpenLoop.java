package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.LatencyRecorder;
import dev.hiveauth.bench.measure.LatencySummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Open loop: one sender thread sends auth_reqs on a fixed schedule ({@code rate} per second, the APPs in turn) whether
 * or not earlier ones were answered, through the warm-up and the window, then stops; each latency counts from the
 * scheduled send time. A sender that falls behind therefore shows its delay in the figures instead of hiding it
 * (coordinated omission).
 */
public final class OpenLoop implements RequestLoop {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A moment for the sender thread to start before the first request is due. */
    private static final long FIRST_SEND_DELAY_NANOS = NANOS_PER_SECOND / 50;

    private final LatencyRecorder latencies = new LatencyRecorder();
    private final AtomicLong answeredInWindow = new AtomicLong();
    private final AtomicLong maxLagNanos = new AtomicLong();
    private final AtomicReference<RuntimeException> senderFailure = new AtomicReference<>();
    private final long windowStartNanos;
    private final long windowEndNanos;
    private Thread sender;

    private OpenLoop(long windowStartNanos, long windowEndNanos) {
        this.windowStartNanos = windowStartNanos;
        this.windowEndNanos = windowEndNanos;
    }

    /**
     * Starts sending now at {@code rate} requests per second over {@code apps}; the measured window opens after
     * {@code warmup} and lasts {@code window}, and the schedule ends with it.
     */
    public static OpenLoop start(List<SimulatedApp> apps, int rate, Duration warmup, Duration window) {
        long firstSend = System.nanoTime() + FIRST_SEND_DELAY_NANOS;
        long windowStart = firstSend + warmup.toNanos();
        long windowEnd = windowStart + window.toNanos();
        OpenLoop loop = new OpenLoop(windowStart, windowEnd);
        for (SimulatedApp app : apps) {
            app.onAnswered((answeredBy, scheduledNanos, endNanos) -> {
                if (scheduledNanos >= windowStart && scheduledNanos < windowEnd) {
                    loop.latencies.record(endNanos - scheduledNanos);
                }
                if (endNanos >= windowStart && endNanos < windowEnd) {
                    loop.answeredInWindow.incrementAndGet();
                }
            });
        }
        long total = rate * (windowEnd - firstSend) / NANOS_PER_SECOND;
        loop.sender = new Thread(() -> {
            try {
                loop.sendOnSchedule(apps, rate, firstSend, total);
            } catch (RuntimeException e) {
                loop.senderFailure.set(e);
            }
        }, "bench-rate-sender");
        loop.sender.setDaemon(true);
        loop.sender.start();
        return loop;
    }

    private void sendOnSchedule(List<SimulatedApp> apps, int rate, long firstSend, long total) {
        for (long i = 0; i < total; i++) {
            long scheduled = firstSend + i * NANOS_PER_SECOND / rate;
            Pacing.sleepUntil(scheduled);
            long lag = System.nanoTime() - scheduled;
            if (lag > maxLagNanos.get()) {
                maxLagNanos.set(lag);
            }
            apps.get((int) (i % apps.size())).send(scheduled);
        }
    }

    @Override
    public void awaitWindowStart() {
        Pacing.sleepUntil(windowStartNanos);
    }

    @Override
    public void awaitWindowEnd() {
        Pacing.sleepUntil(windowEndNanos);
    }

    /**
     * Returns once the sender has sent the last request of its schedule, which ends with the window (so that every
     * request scheduled in the window was sent); throws if the sender failed before, since the figures would then be
     * of a load that was not offered.
     */
    @Override
    public void stopSending() {
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sender", e);
        }
        if (senderFailure.get() != null) {
            throw new IllegalStateException("the sender stopped before its schedule ended", senderFailure.get());
        }
    }

    @Override
    public long answeredInWindow() {
        return answeredInWindow.get();
    }

    /** Scheduled send → auth_ack, for the requests scheduled in the window. */
    @Override
    public LatencySummary latency() {
        return latencies.summary();
    }

    /** How late the sender got behind its schedule at worst. */
    public long maxSendLagNanos() {
        return maxLagNanos.get();
    }
}
