package dev.hiveauth.bench.external;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The external phase: every run, and per relay the medians over the rounds with the ratios against the naive
 * relay. A ratio is the median of the rounds' ratios (each round measures every relay within minutes, so the
 * machine's other load moves them together), null when the naive relay was not run.
 *
 * @param load what the closed loop offered
 * @param generator what offered it ({@link GeneratorKind#description()})
 * @param medians one per relay, in the order of the first round
 */
public record ExternalResult(String load, String generator, double warmupSeconds, double windowSeconds, int rounds,
                             List<ExternalRun> runs, List<Medians> medians) {

    /**
     * @param roundTripsVsNode round trips/s of this relay / the naive relay's
     * @param cpuVsNode CPU per round trip of this relay / the naive relay's
     */
    public record Medians(String server, String description, double roundTripsPerSecond,
                          double relayCpuMicrosPerRoundTrip, double relayCores, double clientP50Ms,
                          double clientP99Ms, Double roundTripsVsNode, Double cpuVsNode) {
    }

    static ExternalResult of(String load, GeneratorKind generator, double warmupSeconds, double windowSeconds,
                             int rounds, List<RelayKind> servers, List<ExternalRun> runs) {
        List<Medians> medians = new ArrayList<>();
        List<ExternalRun> node = runsOf(runs, RelayKind.NODE);
        for (RelayKind server : servers) {
            List<ExternalRun> mine = runsOf(runs, server);
            boolean compared = server != RelayKind.NODE && !node.isEmpty();
            medians.add(new Medians(server.settingName(), server.description(),
                    median(mine, ExternalRun::roundTripsPerSecond),
                    median(mine, ExternalRun::relayCpuMicrosPerRoundTrip), median(mine, ExternalRun::relayCores),
                    median(mine, run -> run.clientLatency().p50Ms()), median(mine, run -> run.clientLatency().p99Ms()),
                    compared ? medianRatio(mine, node, ExternalRun::roundTripsPerSecond) : null,
                    compared ? medianRatio(mine, node, ExternalRun::relayCpuMicrosPerRoundTrip) : null));
        }
        return new ExternalResult(load, generator.description(), warmupSeconds, windowSeconds, rounds,
                List.copyOf(runs), medians);
    }

    /** Whether every run answered every request exactly once, correctly. */
    public boolean correct() {
        return runs.stream().allMatch(run -> run.correctness().ok());
    }

    private static List<ExternalRun> runsOf(List<ExternalRun> runs, RelayKind server) {
        return runs.stream().filter(run -> run.server().equals(server.settingName())).toList();
    }

    private static Double medianRatio(List<ExternalRun> runs, List<ExternalRun> node,
                                      ToDoubleFunction<ExternalRun> figure) {
        List<Double> ratios = new ArrayList<>();
        for (ExternalRun run : runs) {
            node.stream().filter(other -> other.round() == run.round()).findFirst()
                    .filter(other -> figure.applyAsDouble(other) > 0)
                    .ifPresent(other -> ratios.add(figure.applyAsDouble(run) / figure.applyAsDouble(other)));
        }
        return ratios.isEmpty() ? null : Math.round(median(ratios) * 100) / 100.0;
    }

    private static double median(List<ExternalRun> runs, ToDoubleFunction<ExternalRun> figure) {
        return median(runs.stream().map(figure::applyAsDouble).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(Objects::nonNull).sorted(Comparator.naturalOrder()).toList();
        if (sorted.isEmpty()) {
            return 0;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
