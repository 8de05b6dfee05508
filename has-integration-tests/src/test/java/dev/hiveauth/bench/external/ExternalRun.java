package dev.hiveauth.bench.external;

import dev.hiveauth.bench.measure.HotspotProfiler.Hotspots;
import dev.hiveauth.bench.measure.LatencySummary;
import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;

/**
 * One relay measured once, in a fresh process.
 *
 * @param server the {@link RelayKind}'s setting name
 * @param roundTripsInWindow auth_acks that reached their APP inside the window
 * @param relayCpuMicrosPerRoundTrip the relay process's CPU (utime + stime, every thread) over the window per round
 *     trip answered in it
 * @param relayCores the relay process's CPU / wall time
 * @param generatorCores the benchmark JVM's (the simulated APPs and PKSAs)
 * @param otherCores the rest of the machine's: other people's work competing for the same cores
 * @param clientLatency APP send → auth_ack, for the answers in the window
 * @param hotspots JFR samples of the relay over a second window after the measured one, or null (not a jar, or not
 *     the round that profiles)
 * @param correctness counts over the whole run, warm-up and drain included
 */
public record ExternalRun(String server, int round, double windowSeconds, long roundTripsInWindow,
                          double roundTripsPerSecond, double relayCpuMicrosPerRoundTrip, double relayCores,
                          double generatorCores, double otherCores, LatencySummary clientLatency,
                          double loadAverageBefore, double loadAverageAfter, Hotspots hotspots,
                          RoundTripCorrectness correctness) {

    static ExternalRun of(RelayKind server, int round, long answeredInWindow, LatencySummary clientLatency,
                          ExternalWindow.Figures figures, Hotspots hotspots, RoundTripCorrectness correctness) {
        double seconds = figures.wallSeconds();
        double cpuMicros = answeredInWindow == 0 ? 0 : figures.relayCpuSeconds() * 1e6 / answeredInWindow;
        return new ExternalRun(server.settingName(), round, round3(seconds), answeredInWindow,
                Math.round(answeredInWindow / seconds * 10) / 10.0, Math.round(cpuMicros * 10) / 10.0,
                round3(figures.relayCores()), round3(figures.generatorCores()), round3(figures.otherCores()),
                clientLatency, figures.loadAverageBefore(), figures.loadAverageAfter(), hotspots, correctness);
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
