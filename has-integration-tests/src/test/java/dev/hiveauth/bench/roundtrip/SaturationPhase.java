package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.BenchSettings;
import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.HotspotProfiler;
import java.time.Duration;

/**
 * Closed loop ({@link ClosedLoop}) with every role in this JVM, so the server and the peers run as fast as this
 * machine lets them. After the warm-up, the answers arriving in the window give round trips per second; with
 * profiling on, the same load then runs for a profiling window (JFR, which the measured window never sees); then
 * sending stops and the rest drain.
 */
public final class SaturationPhase {
    private static final Duration LONGEST_PROFILE = Duration.ofSeconds(20);

    private SaturationPhase() {
    }

    public static PhaseResult run(BenchSettings settings) throws Exception {
        try (RoundTripRig rig = RoundTripRig.start(settings)) {
            ClosedLoop loop = ClosedLoop.start(rig.apps(), settings.inFlight(), settings.warmup(), settings.window());
            loop.awaitWindowStart();
            MeasuredWindow window = MeasuredWindow.open(rig.server());
            loop.awaitWindowEnd();
            MeasuredWindow.WindowFigures figures = window.close();
            HotspotProfiler.Hotspots hotspots = null;
            if (settings.profile()) {
                HotspotProfiler profiler = HotspotProfiler.start();
                Pacing.sleepUntil(System.nanoTime() + profilingWindow(settings.window()).toNanos());
                hotspots = profiler.stop();
            }
            loop.stopSending();
            RoundTripCorrectness correctness = rig.drain(settings.drainTimeout());
            return PhaseResult.of("saturation", settings.inFlight() + " in flight per APP ("
                    + settings.inFlight() * settings.apps() + " in all)", settings.warmup(), settings.window(),
                    loop.answeredInWindow(), loop.latency(), figures, 0, hotspots, correctness);
        }
    }

    /** How long stacks are sampled after a measured window of {@code window}: as long, but at most 20 s. */
    public static Duration profilingWindow(Duration window) {
        return window.compareTo(LONGEST_PROFILE) <= 0 ? window : LONGEST_PROFILE;
    }
}
