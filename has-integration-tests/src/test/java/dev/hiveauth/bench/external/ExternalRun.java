package dev.hiveauth.bench.external;

import dev.hiveauth.bench.measure.HotspotProfiler.Hotspots;
import dev.hiveauth.bench.measure.LatencySummary;
import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One relay measured once, in a fresh process.
 *
 * @param server the {@link RelayKind}'s setting name
 * @param generator the {@link GeneratorKind}'s setting name
 * @param roundTripsInWindow auth_acks that reached their APP inside the window
 * @param relayCpuMicrosPerRoundTrip the relay process's CPU (utime + stime, every thread) over the window per round
 *     trip answered in it
 * @param relayCores the relay process's CPU / wall time
 * @param generatorCores the generator's processes' (the simulated APPs and PKSAs): the benchmark JVM, or the Node
 *     processes
 * @param generatorProcessCores the same per process, by name (e.g. app-1, wallet-1)
 * @param otherCores the rest of the machine's: other people's work competing for the same cores
 * @param clientLatency APP send → auth_ack, for the answers in the window
 * @param hotspots JFR samples of the relay over a second window after the measured one, or null (not a jar, or not
 *     the round that profiles)
 * @param correctness counts over the whole run, warm-up and drain included
 */
public record ExternalRun(String server, String generator, int round, double windowSeconds, long roundTripsInWindow,
                          double roundTripsPerSecond, double relayCpuMicrosPerRoundTrip, double relayCores,
                          double generatorCores, Map<String, Double> generatorProcessCores, double otherCores,
                          LatencySummary clientLatency, double loadAverageBefore, double loadAverageAfter,
                          Hotspots hotspots, RoundTripCorrectness correctness) {

    public ExternalRun {
        // Sorted by name, so the report lists app-1, app-2, … wallet-1 … the same way every time.
        generatorProcessCores = Collections.unmodifiableMap(new TreeMap<>(generatorProcessCores));
    }

    static ExternalRun of(RelayKind server, GeneratorKind generator, int round, long answeredInWindow,
                          LatencySummary clientLatency, ExternalWindow.Figures figures, Hotspots hotspots,
                          RoundTripCorrectness correctness) {
        double seconds = figures.wallSeconds();
        double cpuMicros = answeredInWindow == 0 ? 0 : figures.relayCpuSeconds() * 1e6 / answeredInWindow;
        return new ExternalRun(server.settingName(), generator.settingName(), round, round3(seconds),
                answeredInWindow, Math.round(answeredInWindow / seconds * 10) / 10.0, Math.round(cpuMicros * 10) / 10.0,
                round3(figures.relayCores()), round3(figures.generatorCores()), figures.generatorProcessCores(),
                round3(figures.otherCores()), clientLatency, figures.loadAverageBefore(), figures.loadAverageAfter(),
                hotspots, correctness);
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
