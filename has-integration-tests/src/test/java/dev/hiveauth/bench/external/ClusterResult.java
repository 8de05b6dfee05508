package dev.hiveauth.bench.external;

import dev.hiveauth.bench.BenchSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The cluster phase: every run, the medians over the rounds of each load, mode and topology, the cluster against the
 * single node (per round, then the median), and what ten nodes on one Redis primary would carry, worked out from the
 * CPU a round trip cost each node and Redis.
 *
 * @param load what the closed loop offered
 * @param generator what drove the closed loops and the open ones ({@link GeneratorKind#description()})
 * @param rate the open loop's requests per second
 * @param redisVersion the Redis the cluster ran on
 * @param medians one per load, mode and topology, in the order first run
 * @param comparisons one per load and mode: the cluster against the single node
 * @param estimates one per mode measured in a closed loop through the cluster
 */
public record ClusterResult(String load, String generator, int rate, String warmup, String window, String rateWarmup,
                            String rateWindow, int rounds, String redisVersion, List<ClusterRun> runs,
                            List<Medians> medians, List<Comparison> comparisons, List<PaperEstimate> estimates) {

    /** The nodes of the paper estimate. */
    static final int PAPER_NODES = 10;
    /** A network link of 1 Gbit/s, in bytes per second: what a Redis primary's interface carries each way. */
    static final double LINK_BYTES_PER_SECOND = 125e6;

    /**
     * Medians over the rounds of one load, mode and topology.
     *
     * @param nodeCpuMicrosPerRoundTrip by node (node-1: the APPs', node-2: the wallets')
     * @param redisCpuMicrosPerRoundTrip null for one node alone
     * @param redisCommandsPerRoundTrip total_commands_processed per round trip; null for one node alone
     */
    public record Medians(String load, String server, String topology, double roundTripsPerSecond,
                          double relayCpuMicrosPerRoundTrip, Map<String, Double> nodeCpuMicrosPerRoundTrip,
                          Double redisCpuMicrosPerRoundTrip, Double redisCommandsPerRoundTrip, double clientP50Ms,
                          double clientP99Ms) {
    }

    /**
     * The cluster against the single node for one load and mode: the median of each round's figure.
     *
     * @param roundTripsRatio the cluster's round trips/s / the single node's
     * @param cpuRatio the nodes' CPU per round trip together / the single node's
     * @param addedP50Ms the cluster's client p50 less the single node's
     * @param addedP99Ms the cluster's client p99 less the single node's
     */
    public record Comparison(String load, String server, double roundTripsRatio, double cpuRatio, double addedP50Ms,
                             double addedP99Ms) {
    }

    /**
     * On paper: {@code nodes} nodes, each on a machine of {@code coresPerNode} cores like this one, on one Redis
     * primary (single-threaded: one core), every round trip costing what it cost the two measured nodes together and
     * Redis.
     *
     * @param nodeMicrosPerRoundTrip node-1's and node-2's CPU per round trip together: a round trip's cost in the
     *     nodes wherever its APP and wallet are
     * @param redisMicrosClosedLoop Redis's CPU per round trip in this mode's closed loop: Redis busy, as it would be
     *     near its ceiling
     * @param redisMicrosAtRate Redis's CPU per round trip in the open loop at the phase's rate, or null if not run:
     *     shown, not used, since a mostly idle Redis spends a good part of it whatever the rate (its timers, a wake-up
     *     and a read per command instead of several per read)
     * @param nodesCeiling nodes × coresPerNode × 10⁶ / nodeMicrosPerRoundTrip
     * @param redisCeiling 10⁶ / redisMicrosClosedLoop: Redis runs commands on one thread, so one core
     * @param linkCeiling a 1 Gbit/s link each way / the larger of Redis's bytes in and out per round trip
     * @param limitedBy "nodes", "Redis" or "Redis's link", whichever ceiling is lowest
     */
    public record PaperEstimate(String server, int nodes, int coresPerNode, double nodeMicrosPerRoundTrip,
                                double redisMicrosClosedLoop, Double redisMicrosAtRate, double nodesCeiling,
                                double redisCeiling, double linkCeiling, String limitedBy) {
    }

    static ClusterResult of(String load, String generator, int rate, Duration warmup, Duration window,
                            Duration rateWarmup, Duration rateWindow, int rounds, String redisVersion,
                            List<ClusterRun> runs) {
        List<Medians> medians = new ArrayList<>();
        Set<List<String>> groups = new LinkedHashSet<>();
        for (ClusterRun run : runs) {
            groups.add(List.of(run.load(), run.server(), run.topology()));
        }
        for (List<String> group : groups) {
            medians.add(medians(select(runs, group.get(0), group.get(1), group.get(2))));
        }
        List<Comparison> comparisons = new ArrayList<>();
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (List<String> group : groups) {
            pairs.add(group.subList(0, 2));
        }
        for (List<String> pair : pairs) {
            comparison(runs, pair.get(0), pair.get(1)).ifPresent(comparisons::add);
        }
        List<ClusterRun> rateRuns = runs.stream().filter(run -> !run.load().equals(ClusterRun.CLOSED_LOOP)
                && run.redis() != null).toList();
        double redisAtRate = median(rateRuns, run -> run.redis().cpuMicros());
        List<PaperEstimate> estimates = new ArrayList<>();
        for (Medians m : medians) {
            if (m.load().equals(ClusterRun.CLOSED_LOOP) && m.redisCpuMicrosPerRoundTrip() != null) {
                List<ClusterRun> mine = select(runs, m.load(), m.server(), m.topology());
                double link = Math.max(median(mine, run -> run.redis().netInputBytes()),
                        median(mine, run -> run.redis().netOutputBytes()));
                estimates.add(estimate(m, rateRuns.isEmpty() ? null : redisAtRate, link));
            }
        }
        return new ClusterResult(load, generator, rate, BenchSettings.show(warmup), BenchSettings.show(window),
                BenchSettings.show(rateWarmup), BenchSettings.show(rateWindow), rounds, redisVersion, List.copyOf(runs),
                medians, comparisons, estimates);
    }

    /** Whether every run answered every request exactly once, and in a cluster every one crossed nodes. */
    public boolean correct() {
        return runs.stream().allMatch(ClusterRun::ok);
    }

    /** The cluster's median round trips/s in the first mode's closed loop (compat by default), or null. */
    public Double clusterRoundTripsPerSecond() {
        return medians.stream().filter(m -> m.load().equals(ClusterRun.CLOSED_LOOP)
                        && m.topology().equals(Topology.CLUSTER.settingName())).findFirst()
                .map(Medians::roundTripsPerSecond).orElse(null);
    }

    /** The p99 the cluster adds in the open loop (the median of each round's difference), or null. */
    public Double addedP99MsAtRate() {
        return comparisons.stream().filter(c -> !c.load().equals(ClusterRun.CLOSED_LOOP)).findFirst()
                .map(Comparison::addedP99Ms).orElse(null);
    }

    private static List<ClusterRun> select(List<ClusterRun> runs, String load, String server, String topology) {
        return runs.stream().filter(run -> run.load().equals(load) && run.server().equals(server)
                && run.topology().equals(topology)).toList();
    }

    private static Medians medians(List<ClusterRun> runs) {
        ClusterRun first = runs.get(0);
        Map<String, Double> nodes = new LinkedHashMap<>();
        for (String node : first.nodeCpuMicrosPerRoundTrip().keySet()) {
            nodes.put(node, round1(median(runs, run -> run.nodeCpuMicrosPerRoundTrip().getOrDefault(node, 0.0))));
        }
        boolean redis = first.redis() != null;
        return new Medians(first.load(), first.server(), first.topology(),
                round1(median(runs, ClusterRun::roundTripsPerSecond)),
                round1(median(runs, ClusterRun::relayCpuMicrosPerRoundTrip)), nodes,
                redis ? round1(median(runs, run -> run.redis().cpuMicros())) : null,
                redis ? round1(median(runs, run -> run.redis().commands())) : null,
                round3(median(runs, run -> run.clientLatency().p50Ms())),
                round3(median(runs, run -> run.clientLatency().p99Ms())));
    }

    private static Optional<Comparison> comparison(List<ClusterRun> runs, String load, String server) {
        List<Double> throughput = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (ClusterRun cluster : select(runs, load, server, Topology.CLUSTER.settingName())) {
            select(runs, load, server, Topology.SINGLE.settingName()).stream()
                    .filter(single -> single.round() == cluster.round()).findFirst().ifPresent(single -> {
                        throughput.add(ratio(cluster.roundTripsPerSecond(), single.roundTripsPerSecond()));
                        cpu.add(ratio(cluster.relayCpuMicrosPerRoundTrip(), single.relayCpuMicrosPerRoundTrip()));
                        p50.add(cluster.clientLatency().p50Ms() - single.clientLatency().p50Ms());
                        p99.add(cluster.clientLatency().p99Ms() - single.clientLatency().p99Ms());
                    });
        }
        if (throughput.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Comparison(load, server, round3(median(throughput)), round3(median(cpu)),
                round3(median(p50)), round3(median(p99))));
    }

    private static PaperEstimate estimate(Medians cluster, Double redisAtRate, double linkBytesPerRoundTrip) {
        int cores = Runtime.getRuntime().availableProcessors();
        double nodeMicros = cluster.nodeCpuMicrosPerRoundTrip().values().stream().mapToDouble(Double::doubleValue)
                .sum();
        double redisMicros = cluster.redisCpuMicrosPerRoundTrip();
        double nodesCeiling = nodeMicros == 0 ? 0 : PAPER_NODES * cores * 1e6 / nodeMicros;
        double redisCeiling = redisMicros == 0 ? 0 : 1e6 / redisMicros;
        double linkCeiling = linkBytesPerRoundTrip == 0 ? 0 : LINK_BYTES_PER_SECOND / linkBytesPerRoundTrip;
        String limitedBy = nodesCeiling <= redisCeiling && nodesCeiling <= linkCeiling ? "nodes"
                : redisCeiling <= linkCeiling ? "Redis" : "Redis's link";
        return new PaperEstimate(cluster.server(), PAPER_NODES, cores, round1(nodeMicros),
                cluster.redisCpuMicrosPerRoundTrip(), redisAtRate == null ? null : round1(redisAtRate),
                Math.round(nodesCeiling), Math.round(redisCeiling), Math.round(linkCeiling), limitedBy);
    }

    private static double ratio(double value, double base) {
        return base == 0 ? 0 : value / base;
    }

    private static double median(List<ClusterRun> runs, ToDoubleFunction<ClusterRun> figure) {
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

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
