package dev.hiveauth.bench.external;

import dev.hiveauth.bench.measure.HotspotProfiler.Hotspots;
import dev.hiveauth.bench.measure.LatencySummary;
import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One deployment of the jar measured once in the cluster phase, in fresh processes: what a round trip costs each node
 * and Redis, how fast and how late the answers came. Per round trip means divided by the auth_acks that reached their
 * APP inside the window.
 *
 * @param server the jar's mode ({@link RelayKind#settingName()}: has-compat, has-strict)
 * @param topology {@link Topology#settingName()}
 * @param load {@link #CLOSED_LOOP}, or the open loop's rate ("1000/s")
 * @param nodeCpuMicrosPerRoundTrip each node's utime + stime (/proc, every thread) per round trip, by name
 * @param relayCpuMicrosPerRoundTrip the nodes' together, Redis aside
 * @param relayCores the nodes' CPU / wall time
 * @param contextSwitchesPerRoundTrip each process's context switches (every thread, /proc) per round trip: nodes and
 *     Redis; a thread handing work to another and waiting shows here
 * @param coreWaits each process's time ready to run while no core was free (every thread, /proc's schedstat): nodes
 *     and Redis
 * @param threadCores each process's CPU / wall time by kind of thread (/proc), the busiest first
 * @param redis Redis's share, or null (one node alone)
 * @param storeOperations the Redis commands the nodes timed, by operation (empty for one node alone)
 * @param nodeLatency each node's own latency per relayed frame
 * @param forwardsAcross requests that reached the wallets' node from the APPs' node through Redis, over the whole run
 * @param repliesAcross replies that reached the APPs' node from the wallets' node through Redis, over the whole run
 * @param recovered forwards and replies read back from Redis after a gap in a node's subscription (0 in a sound run)
 * @param maxSendLagMs open loop: how late the sender got behind its schedule at worst (0 for the closed loop)
 * @param hotspots JFR samples of each node over a second window after the measured one, or empty
 * @param correctness every request of the run (warm-up and drain included) by the generator's and the nodes' counts
 * @param ok correctness, and in a cluster of has-server's every request and every reply crossed nodes on pub/sub exactly
 *     once (one read back after a gap instead is counted in recovered, and fails this: the run did not measure what it
 *     meant to; the naive relay counts nothing)
 */
public record ClusterRun(String server, String topology, String load, int round, double windowSeconds,
                         long roundTripsInWindow, double roundTripsPerSecond,
                         Map<String, Double> nodeCpuMicrosPerRoundTrip, double relayCpuMicrosPerRoundTrip,
                         double relayCores, Map<String, Double> contextSwitchesPerRoundTrip,
                         Map<String, CoreWait> coreWaits,
                         Map<String, Map<String, Double>> threadCores, RedisPerRoundTrip redis,
                         Map<String, StoreOperation> storeOperations,
                         Map<String, NodeLatency> nodeLatency, long forwardsAcross, long repliesAcross, long recovered,
                         double generatorCores, double otherCores, LatencySummary clientLatency, double maxSendLagMs,
                         double loadAverageBefore, double loadAverageAfter, Map<String, Hotspots> hotspots,
                         RoundTripCorrectness correctness, boolean ok) {

    /** The load of the closed-loop runs. */
    public static final String CLOSED_LOOP = "closed loop";

    public ClusterRun {
        nodeCpuMicrosPerRoundTrip = Collections.unmodifiableMap(new LinkedHashMap<>(nodeCpuMicrosPerRoundTrip));
        contextSwitchesPerRoundTrip = Collections.unmodifiableMap(new LinkedHashMap<>(contextSwitchesPerRoundTrip));
        coreWaits = Collections.unmodifiableMap(new LinkedHashMap<>(coreWaits));
        threadCores = Collections.unmodifiableMap(new LinkedHashMap<>(threadCores));
        storeOperations = Collections.unmodifiableMap(new TreeMap<>(storeOperations));
        nodeLatency = Collections.unmodifiableMap(new LinkedHashMap<>(nodeLatency));
        hotspots = Collections.unmodifiableMap(new LinkedHashMap<>(hotspots));
    }

    /**
     * Redis's share of a round trip.
     *
     * @param cpuMicros used_cpu_user + used_cpu_sys (INFO cpu) per round trip
     * @param processCpuMicros the redis-server process's utime + stime (/proc) per round trip: the same, read by Linux
     * @param cores Redis's CPU / wall time (one core is all it can use)
     * @param commands total_commands_processed per round trip, those Lua scripts call included
     * @param commandsByName commandstats calls per round trip, by command
     * @param usecPerCall commandstats microseconds per call, by command (a script's own include its commands')
     * @param netInputBytes bytes Redis read per round trip
     * @param netOutputBytes bytes Redis wrote per round trip, pub/sub deliveries included
     * @param expiredKeys keys Redis expired per round trip: about two at steady state (a request's hash and its uuid's
     *     account), fewer while the keys of the warm-up have not reached their time yet
     * @param expiresCapped in the whole window, how often Redis's expiry ran to its time limit with keys left to
     *     expire: each time, every command waited for it
     * @param longestStallsMs in the whole window, Redis's longest stall of each cause (its latency monitor), in ms
     */
    public record RedisPerRoundTrip(double cpuMicros, double processCpuMicros, double cores, double commands,
                                    Map<String, Double> commandsByName, Map<String, Double> usecPerCall,
                                    double netInputBytes, double netOutputBytes, double expiredKeys, long expiresCapped,
                                    Map<String, Long> longestStallsMs) {
    }

    /**
     * One operation of the nodes' request store in Redis (create: SET and the create script, pipelined; claim: the
     * claim script; facts: GET then HMGET, unless the node knows the request; probe: a PUBLISH to itself …).
     *
     * @param callsPerRoundTrip calls per round trip, all nodes
     * @param meanMicros sent → answered as the nodes timed it, over the window
     * @param p99Ms the nodes' decaying p99 (the highest of the nodes'), about the last minute
     */
    public record StoreOperation(double callsPerRoundTrip, double meanMicros, double p99Ms) {
    }

    /** A node's own latency per relayed frame ({@code has.relay.latency}, decaying: about the last minute), in ms. */
    public record NodeLatency(double p50Ms, double p99Ms) {
    }

    /**
     * How long a process's threads were ready to run while both cores were taken: what a busy shared machine adds to
     * every wake-up, which no profile of the process shows.
     *
     * @param microsPerRoundTrip all its threads' waits over the window, per round trip
     * @param microsPerTimeslice the mean wait each time one of its threads was put on a core
     */
    public record CoreWait(double microsPerRoundTrip, double microsPerTimeslice) {
    }

    /** Forwards, replies and recoveries across the nodes of a run, counted by the nodes once it is drained. */
    record Crossings(long forwards, long replies, long recovered) {
        static final Crossings NONE = new Crossings(0, 0, 0);
    }

    /**
     * Round trips/s are the generator's: the answers in its window over the window's length. The readings of CPU and
     * counters span a few ms more or less than that window (a busy machine delays them), so a figure per round trip is
     * what was read over the round trips answered in the same span at the window's rate.
     */
    static ClusterRun of(RelayKind server, Topology topology, String load, int round, Duration window,
                         long answeredInWindow, LatencySummary clientLatency, long maxSendLagNanos,
                         ClusterWindow.Figures figures, Crossings crossings, Map<String, Hotspots> hotspots,
                         RoundTripCorrectness correctness) {
        ExternalWindow.Figures cpu = figures.cpu();
        double seconds = cpu.wallSeconds();
        double windowSeconds = window.toNanos() / 1e9;
        double tripsInReadings = answeredInWindow * seconds / windowSeconds;
        double perTrip = answeredInWindow == 0 ? 0 : 1.0 / tripsInReadings;
        Map<String, Double> nodes = new LinkedHashMap<>();
        double nodeSeconds = 0;
        for (Map.Entry<String, Double> process : cpu.relayProcessCpuSeconds().entrySet()) {
            if (!process.getKey().equals(ClusterWindow.REDIS)) {
                nodes.put(process.getKey(), round1(process.getValue() * 1e6 * perTrip));
                nodeSeconds += process.getValue();
            }
        }
        Map<String, StoreOperation> store = new TreeMap<>();
        figures.store().forEach((operation, timed) -> store.put(operation, new StoreOperation(
                round3(timed.calls() * perTrip), round1(timed.calls() == 0 ? 0 : timed.seconds() * 1e6 / timed.calls()),
                round3(figures.storeP99Ms().getOrDefault(operation, 0.0)))));
        RedisPerRoundTrip redis = figures.redis() == null ? null
                : redisPerTrip(figures.redis(), cpu.relayProcessCpuSeconds().getOrDefault(ClusterWindow.REDIS, 0.0),
                        seconds, perTrip);
        Map<String, Double> switches = new LinkedHashMap<>();
        Map<String, CoreWait> waits = new LinkedHashMap<>();
        Map<String, Map<String, Double>> threadCores = new LinkedHashMap<>();
        figures.threads().forEach((process, threads) -> {
            switches.put(process, round1(threads.contextSwitches() * perTrip));
            waits.put(process, new CoreWait(round1(threads.runDelayNanos() / 1e3 * perTrip),
                    round1(threads.timeslices() == 0 ? 0 : threads.runDelayNanos() / 1e3 / threads.timeslices())));
            threadCores.put(process, threads.coresByKind());
        });
        // the naive relay counts nothing: its correctness is the generator's alone
        boolean crossed = topology == Topology.SINGLE || !server.isJar() || crossings.forwards() == correctness.sent()
                && crossings.replies() == correctness.answered();
        return new ClusterRun(server.settingName(), topology.settingName(), load, round, round3(windowSeconds),
                answeredInWindow, round1(answeredInWindow / windowSeconds), nodes, round1(nodeSeconds * 1e6 * perTrip),
                round3(nodeSeconds / seconds), switches, waits, threadCores, redis, store, figures.nodeLatency(),
                crossings.forwards(), crossings.replies(), crossings.recovered(), round3(cpu.generatorCores()),
                round3(cpu.otherCores()), clientLatency, maxSendLagNanos / 1e6, cpu.loadAverageBefore(),
                cpu.loadAverageAfter(), hotspots, correctness, correctness.ok() && crossed);
    }

    private static RedisPerRoundTrip redisPerTrip(RedisWindow.RedisUse use, double processSeconds, double wallSeconds,
                                                  double perTrip) {
        Map<String, Double> calls = new TreeMap<>();
        Map<String, Double> usecPerCall = new TreeMap<>();
        use.commands().forEach((name, command) -> {
            calls.put(name, round3(command.calls() * perTrip));
            usecPerCall.put(name, round3((double) command.usec() / command.calls()));
        });
        return new RedisPerRoundTrip(round1(use.cpuSeconds() * 1e6 * perTrip), round1(processSeconds * 1e6 * perTrip),
                round3(use.cpuSeconds() / wallSeconds), round3(use.commandsProcessed() * perTrip), calls, usecPerCall,
                round1(use.netInputBytes() * perTrip), round1(use.netOutputBytes() * perTrip),
                round3(use.expiredKeys() * perTrip), use.expiresCapped(), new TreeMap<>(use.longestStallsMs()));
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
