package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.BenchSettings;
import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.HotspotProfiler;
import dev.hiveauth.bench.measure.LatencyRecorder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed loop: each APP keeps {@code inFlight} auth_reqs outstanding and sends the next one the moment one is
 * answered, so the server and the peers run as fast as this machine lets them. After the warm-up, the
 * answers arriving in the window give round trips per second; with profiling on, the same load then runs
 * for a profiling window (JFR, which the measured window never sees); then sending stops and the rest drain.
 */
public final class SaturationPhase {
    private static final Duration LONGEST_PROFILE = Duration.ofSeconds(20);

    private SaturationPhase() {
    }

    public static PhaseResult run(BenchSettings settings) throws Exception {
        try (RoundTripRig rig = RoundTripRig.start(settings)) {
            LatencyRecorder latencies = new LatencyRecorder();
            AtomicLong answeredInWindow = new AtomicLong();
            long windowStart = System.nanoTime() + settings.warmup().toNanos();
            long windowEnd = windowStart + settings.window().toNanos();
            Duration profiling = settings.profile() ? min(settings.window(), LONGEST_PROFILE) : Duration.ZERO;
            long sendingEnd = windowEnd + profiling.toNanos();
            for (SimulatedApp app : rig.apps()) {
                app.onAnswered((answeredBy, startNanos, endNanos) -> {
                    if (endNanos >= windowStart && endNanos < windowEnd) {
                        answeredInWindow.incrementAndGet();
                        latencies.record(endNanos - startNanos);
                    }
                    long now = System.nanoTime();
                    if (now < sendingEnd) {
                        answeredBy.send(now);
                    }
                });
            }
            for (SimulatedApp app : rig.apps()) {
                for (int i = 0; i < settings.inFlight(); i++) {
                    app.send(System.nanoTime());
                }
            }
            Pacing.sleepUntil(windowStart);
            MeasuredWindow window = MeasuredWindow.open(rig.server());
            Pacing.sleepUntil(windowEnd);
            MeasuredWindow.WindowFigures figures = window.close();
            HotspotProfiler.Hotspots hotspots = null;
            if (settings.profile()) {
                HotspotProfiler profiler = HotspotProfiler.start();
                Pacing.sleepUntil(sendingEnd);
                hotspots = profiler.stop();
            }
            RoundTripCorrectness correctness = Drain.await(rig, settings.drainTimeout());
            return PhaseResult.of("saturation", settings.inFlight() + " in flight per APP ("
                    + settings.inFlight() * settings.apps() + " in all)", settings.warmup(), settings.window(),
                    answeredInWindow.get(), latencies.summary(), figures, 0, hotspots, correctness);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
