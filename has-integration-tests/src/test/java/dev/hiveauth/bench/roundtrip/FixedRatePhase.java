package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.BenchSettings;
import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.LatencyRecorder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Open loop: one sender sends auth_reqs on a fixed schedule ({@code rate} per second, the APPs in turn)
 * whether or not earlier ones were answered, and each latency counts from the scheduled send time. A sender
 * that falls behind therefore shows its delay in the figures instead of hiding it (coordinated omission).
 * Runs on a fresh server, so the server's decaying latency histogram holds this load only.
 */
public final class FixedRatePhase {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private FixedRatePhase() {
    }

    public static PhaseResult run(BenchSettings settings) throws Exception {
        try (RoundTripRig rig = RoundTripRig.start(settings)) {
            LatencyRecorder latencies = new LatencyRecorder();
            AtomicLong answeredInWindow = new AtomicLong();
            long firstSend = System.nanoTime() + NANOS_PER_SECOND / 50;
            long windowStart = firstSend + settings.rateWarmup().toNanos();
            long windowEnd = windowStart + settings.rateWindow().toNanos();
            for (SimulatedApp app : rig.apps()) {
                app.onAnswered((answeredBy, scheduledNanos, endNanos) -> {
                    if (scheduledNanos >= windowStart && scheduledNanos < windowEnd) {
                        latencies.record(endNanos - scheduledNanos);
                    }
                    if (endNanos >= windowStart && endNanos < windowEnd) {
                        answeredInWindow.incrementAndGet();
                    }
                });
            }
            long total = settings.rate() * (windowEnd - firstSend) / NANOS_PER_SECOND;
            AtomicLong maxLagNanos = new AtomicLong();
            AtomicReference<RuntimeException> senderFailure = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    sendOnSchedule(rig.apps(), settings.rate(), firstSend, total, maxLagNanos);
                } catch (RuntimeException e) {
                    senderFailure.set(e);
                }
            }, "bench-rate-sender");
            sender.setDaemon(true);
            sender.start();
            Pacing.sleepUntil(windowStart);
            MeasuredWindow window = MeasuredWindow.open(rig.server());
            Pacing.sleepUntil(windowEnd);
            MeasuredWindow.WindowFigures figures = window.close();
            sender.join();
            if (senderFailure.get() != null) {
                throw new IllegalStateException("the sender stopped before its schedule ended", senderFailure.get());
            }
            RoundTripCorrectness correctness = rig.drain(settings.drainTimeout());
            return PhaseResult.of("fixedRate", settings.rate() + " requests/s over " + settings.apps() + " APPs",
                    settings.rateWarmup(), settings.rateWindow(), answeredInWindow.get(), latencies.summary(), figures,
                    maxLagNanos.get(), null, correctness);
        }
    }

    private static void sendOnSchedule(List<SimulatedApp> apps, int rate, long firstSend, long total,
                                       AtomicLong maxLagNanos) {
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
}
