package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.BenchSettings;
import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.LatencyRecorder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed loop: each APP keeps {@code inFlight} auth_reqs outstanding and sends the next one the moment one is
 * answered, so the server and the peers run as fast as this machine lets them. After the warm-up, the
 * answers arriving in the window give round trips per second; then sending stops and the rest drain.
 */
public final class SaturationPhase {
    private SaturationPhase() {
    }

    public static PhaseResult run(BenchSettings settings) throws Exception {
        try (RoundTripRig rig = RoundTripRig.start(settings)) {
            LatencyRecorder latencies = new LatencyRecorder();
            AtomicLong answeredInWindow = new AtomicLong();
            long windowStart = System.nanoTime() + settings.warmup().toNanos();
            long windowEnd = windowStart + settings.window().toNanos();
            for (SimulatedApp app : rig.apps()) {
                app.onAnswered((answeredBy, startNanos, endNanos) -> {
                    if (endNanos >= windowStart && endNanos < windowEnd) {
                        answeredInWindow.incrementAndGet();
                        latencies.record(endNanos - startNanos);
                    }
                    long now = System.nanoTime();
                    if (now < windowEnd) {
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
            MeasuredWindow window = MeasuredWindow.open(rig.server(), settings.profile());
            Pacing.sleepUntil(windowEnd);
            MeasuredWindow.WindowFigures figures = window.close();
            RoundTripCorrectness correctness = Drain.await(rig, settings.drainTimeout());
            return PhaseResult.of("saturation", settings.inFlight() + " in flight per APP ("
                    + settings.inFlight() * settings.apps() + " in all)", settings.warmup(), settings.window(),
                    answeredInWindow.get(), latencies.summary(), figures, 0, correctness);
        }
    }
}
