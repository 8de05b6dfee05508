package dev.hiveauth.bench.external;

import dev.hiveauth.bench.external.NodeMetrics.Timed;
import dev.hiveauth.it.fixture.ChildRelay;
import dev.hiveauth.protocol.testing.LocalRedis;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A measured window of the cluster phase: the CPU of every node, of Redis and of the generator
 * ({@link ExternalWindow}) and of their threads ({@link ProcThreads}), Redis's own counters ({@link RedisWindow}),
 * and the Redis commands the nodes timed ({@link NodeMetrics}), read at both ends. For one node alone there is no Redis
 * to read.
 */
final class ClusterWindow {
    static final String REDIS = "redis";

    private final ClusterNodes nodes;
    private final ExternalWindow cpu;
    private final Map<String, Long> pids;
    private final Map<String, ProcThreads.Reading> threadsAtStart = new LinkedHashMap<>();
    private final RedisWindow redis;
    private final Map<String, Timed> storeAtStart;

    private ClusterWindow(ClusterNodes nodes, LocalRedis redis, LoadGenerator generator) {
        this.nodes = nodes;
        Map<String, Long> pids = new LinkedHashMap<>(nodes.pids());
        if (redis != null) {
            pids.put(REDIS, redis.pid());
        }
        // The cheap readings first and last, so that the CPU's window is the generator's to within a few ms; the slower
        // ones (INFO, an HTTP scrape of each node) count commands, which a few ms more or less hardly change.
        this.cpu = ExternalWindow.open(pids, generator);
        this.pids = pids;
        pids.forEach((name, pid) -> threadsAtStart.put(name, ProcThreads.read(pid)));
        this.redis = redis == null ? null : RedisWindow.open(redis);
        this.storeAtStart = storeCommands(nodes.metrics());
    }

    /** Opens the window on {@code nodes}, and on {@code redis} unless it is null (one node alone). */
    static ClusterWindow open(ClusterNodes nodes, LocalRedis redis, LoadGenerator generator) {
        return new ClusterWindow(nodes, redis, generator);
    }

    Figures close() {
        ExternalWindow.Figures cpuFigures = cpu.close();
        Map<String, Threads> threads = new LinkedHashMap<>();
        pids.forEach((name, pid) -> threads.put(name, Threads.since(threadsAtStart.get(name), ProcThreads.read(pid),
                cpuFigures.wallSeconds())));
        RedisWindow.RedisUse redisUse = redis == null ? null : redis.close();
        Map<String, ChildRelay.Metrics> metrics = nodes.metrics();
        Map<String, Timed> store = new TreeMap<>();
        storeCommands(metrics).forEach((operation, now) -> {
            Timed delta = now.minus(storeAtStart.getOrDefault(operation, new Timed(0, 0)));
            if (delta.calls() > 0) {
                store.put(operation, delta);
            }
        });
        Map<String, Double> storeP99Ms = new TreeMap<>();
        for (String operation : store.keySet()) {
            storeP99Ms.put(operation, metrics.values().stream()
                    .mapToDouble(node -> NodeMetrics.storeP99Ms(node, operation)).max().orElse(0));
        }
        Map<String, ClusterRun.NodeLatency> latency = new LinkedHashMap<>();
        metrics.forEach((node, text) -> latency.put(node, new ClusterRun.NodeLatency(
                NodeMetrics.relayLatencyMs(text, "0.5"), NodeMetrics.relayLatencyMs(text, "0.99"))));
        return new Figures(cpuFigures, threads, redisUse, store, storeP99Ms, latency);
    }

    /** The store operations of every node added up. */
    private static Map<String, Timed> storeCommands(Map<String, ChildRelay.Metrics> metrics) {
        Map<String, Timed> sum = new TreeMap<>();
        for (ChildRelay.Metrics node : metrics.values()) {
            NodeMetrics.storeCommands(node).forEach((operation, timed) -> sum.merge(operation, timed,
                    (a, b) -> new Timed(a.calls() + b.calls(), a.seconds() + b.seconds())));
        }
        return sum;
    }

    /**
     * A process's threads over the window.
     *
     * @param contextSwitches of every thread, voluntary and involuntary
     * @param runDelayNanos of every thread, the time it was ready to run and no core was free
     * @param timeslices of every thread, the times it was put on a core
     * @param coresByKind CPU / wall time by kind of thread (name, numbers folded), the busiest first, those at 0.01
     *     core or more
     */
    record Threads(long contextSwitches, long runDelayNanos, long timeslices, Map<String, Double> coresByKind) {
        static Threads since(ProcThreads.Reading start, ProcThreads.Reading end, double wallSeconds) {
            Map<String, Double> cores = new LinkedHashMap<>();
            end.cpuNanosByKind().entrySet().stream()
                    .map(kind -> Map.entry(kind.getKey(), (kind.getValue()
                            - start.cpuNanosByKind().getOrDefault(kind.getKey(), 0L)) / 1e9 / wallSeconds))
                    .filter(kind -> kind.getValue() >= 0.01)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(kind -> cores.put(kind.getKey(), Math.round(kind.getValue() * 100) / 100.0));
            return new Threads(end.contextSwitches() - start.contextSwitches(),
                    end.runDelayNanos() - start.runDelayNanos(), end.timeslices() - start.timeslices(), cores);
        }
    }

    /**
     * @param cpu every node's CPU by name (node-1, node-2), Redis's ({@link #REDIS}), the generator's, the machine's
     * @param threads the same processes' threads
     * @param redis Redis's counters, or null (one node alone)
     * @param store the store operations the nodes ran in the window, added up over the nodes
     * @param storeP99Ms the decaying p99 of each, the highest of the nodes'
     * @param nodeLatency each node's own latency per relayed frame (decaying: about the last minute)
     */
    record Figures(ExternalWindow.Figures cpu, Map<String, Threads> threads, RedisWindow.RedisUse redis,
                   Map<String, Timed> store, Map<String, Double> storeP99Ms,
                   Map<String, ClusterRun.NodeLatency> nodeLatency) {
    }
}
