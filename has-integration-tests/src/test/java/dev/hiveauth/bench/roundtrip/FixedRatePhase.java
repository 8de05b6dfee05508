package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.BenchSettings;

/**
 * Open loop ({@link OpenLoop}): auth_reqs on a fixed schedule, {@code rate} per second, each latency counted from
 * the scheduled send time. Runs on a fresh server, so the server's decaying latency histogram holds this load only.
 */
public final class FixedRatePhase {
    private FixedRatePhase() {
    }

    /** Runs the phase on a server of its own in this JVM, with its simulated peers. */
    public static PhaseResult run(BenchSettings settings) throws Exception {
        try (RoundTripRig rig = RoundTripRig.start(settings)) {
            OpenLoop loop = OpenLoop.start(rig.apps(), settings.rate(), settings.rateWarmup(), settings.rateWindow());
            loop.awaitWindowStart();
            MeasuredWindow window = MeasuredWindow.open(rig.server());
            loop.awaitWindowEnd();
            MeasuredWindow.WindowFigures figures = window.close();
            loop.stopSending();
            RoundTripCorrectness correctness = rig.drain(settings.drainTimeout());
            return PhaseResult.of("fixedRate", settings.rate() + " requests/s over " + settings.apps() + " APPs",
                    settings.rateWarmup(), settings.rateWindow(), loop.answeredInWindow(), loop.latency(), figures,
                    loop.maxSendLagNanos(), null, correctness);
        }
    }
}
