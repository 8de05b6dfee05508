package dev.hiveauth.bench.external;

import dev.hiveauth.bench.BenchSettings;
import dev.hiveauth.bench.LoadBenchmark;
import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.ChildProfiler;
import dev.hiveauth.bench.measure.HotspotProfiler.Hotspots;
import dev.hiveauth.bench.roundtrip.BenchAccount;
import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;
import dev.hiveauth.bench.roundtrip.SaturationPhase;
import dev.hiveauth.it.fixture.ChildRelay;
import dev.hiveauth.protocol.testing.FakeHiveNode;
import dev.hiveauth.protocol.testing.LocalRedis;
import dev.hiveauth.server.cluster.RedisRequestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * has-server.jar as two nodes of a cluster on one Redis, next to one node alone, in the same run and by the same
 * generator (issue 11): APPs on node 1 and wallets on node 2, so that every request and every reply crosses nodes
 * through Redis. Per round and mode ({@link ExternalSettings#clusterServers()}), a closed loop through each
 * {@link Topology} ({@link ExternalSettings#clusterTopologies()}: both by default); then, with the first mode (and a
 * baseline jar's, if named), an open loop at {@code bench.rate} through each, from the same generator, after a closed
 * loop of {@code bench.warmup} from the same peers. The order of the topologies is reversed every other round, so a
 * drift in the machine's other load weighs on both alike. Each run starts fresh nodes; the Redis, started here,
 * serves the whole phase, each cluster under a key prefix of its own.
 * Besides what the external phase reads (round trips/s, CPU of each process, client latency), it reads Redis's
 * counters, the nodes' timings of their Redis commands and every process's threads over the window, and, with
 * profiling on, samples every node of the last round's closed loops with JFR in a second window.
 */
public final class ClusterPhase {
    /** How long Redis may take, past their time, to expire a wave of keys. */
    private static final Duration EXPIRY_LAG = Duration.ofSeconds(20);

    private ClusterPhase() {
    }

    /** Runs every round and writes the nodes' logs and recordings under {@code reportDir/cluster}. */
    public static ClusterResult run(BenchSettings settings) throws Exception {
        ExternalSettings external = settings.external();
        Path dir = settings.reportDir().resolve("cluster");
        List<BenchAccount> accounts = BenchAccount.create(settings.accounts());
        Path nodeGenerator = external.generator() == GeneratorKind.NODE
                ? NodeGenerator.install(external.nodeGenerator(), dir.resolve("generator")) : null;
        Path naiveRelay = external.clusterServers().contains(RelayKind.NODE)
                ? NodePackage.install(external.naiveRelay(), dir.resolve("naive-relay")) : null;
        List<ClusterRun> runs = new ArrayList<>();
        String redisVersion;
        try (FakeHiveNode hive = FakeHiveNode.start(ExternalPhase.chainOf(accounts));
             LocalRedis redis = LocalRedis.start()) {
            redisVersion = RedisWindow.version(redis);
            Rig rig = new Rig(settings, accounts, hive, redis, nodeGenerator, naiveRelay, dir);
            for (int round = 1; round <= external.rounds(); round++) {
                List<Topology> order = new ArrayList<>(external.clusterTopologies());
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                boolean lastRound = round == external.rounds();
                for (RelayKind server : external.clusterServers()) {
                    for (Topology topology : order) {
                        runs.add(progress(rig.closedLoop(server, topology, round,
                                settings.profile() && lastRound && server.isJar()))); // JFR: the jar's nodes
                    }
                }
                for (RelayKind server : openLoopServers(external.clusterServers())) {
                    for (Topology topology : order) {
                        runs.add(progress(rig.atRate(server, topology, round)));
                    }
                }
            }
        }
        return ClusterResult.of(settings.inFlight() + " in flight per APP x " + settings.apps() + " APPs, "
                        + settings.pksas() + " wallets, " + settings.accounts() + " accounts",
                external.generator().description(), settings.rate(), settings.warmup(), settings.window(),
                rateWarmup(settings), settings.rateWindow(), external.rounds(), redisVersion, runs);
    }

    /**
     * The open loop's time at the rate before its window: {@code bench.rateWarmup}, or longer, until every key the
     * closed-loop warm-up left in Redis has expired. That warm-up makes requests several times faster than the rate,
     * and their keys expire together some minutes later: Redis then spends up to a quarter of its time expiring them,
     * in slices of up to 25 ms during which no command runs, and a window over that wave measures it, not the steady
     * state at the rate. A uuid's account lives longest: twice its request's time (the timeout and 5 s). Redis finds
     * expired keys by sampling and leaves up to a tenth of them for later; 20 s more lets it get through those (with
     * 5 s, a window still met them, and a 21 ms stall).
     */
    public static Duration rateWarmup(BenchSettings settings) {
        return rateWarmup(settings.rateWarmup(), settings.serverTimeout());
    }

    static Duration rateWarmup(Duration asked, Duration serverTimeout) {
        Duration keysLive = RedisRequestStore.keysLiveAtMost(serverTimeout).plus(EXPIRY_LAG);
        return asked.compareTo(keysLive) >= 0 ? asked : keysLive;
    }

    /**
     * Which modes the open loop measures: the first, and the baseline jar's and the naive relay's, so that a change's
     * latency at the rate is measured beside the jar before it, and beside the least a cluster on Redis adds, in the
     * same run.
     */
    private static List<RelayKind> openLoopServers(List<RelayKind> clusterServers) {
        List<RelayKind> measured = new ArrayList<>(List.of(clusterServers.get(0)));
        clusterServers.stream().skip(1).filter(kind -> kind.isBaseline() || !kind.isJar()).forEach(measured::add);
        return measured;
    }

    private static ClusterRun progress(ClusterRun run) {
        LoadBenchmark.progress("cluster, round %d, %s, %s, %s: %.1f round trips/s; nodes %s µs CPU per round trip%s;"
                        + " client p50 %.2f ms, p99 %.2f ms%s; %s", run.round(), run.server(), run.topology(),
                run.load(), run.roundTripsPerSecond(), run.nodeCpuMicrosPerRoundTrip(), run.redis() == null ? ""
                        : String.format(Locale.ROOT, ", Redis %.1f µs and %.1f commands",
                        run.redis().cpuMicros(), run.redis().commands()), run.clientLatency().p50Ms(),
                run.clientLatency().p99Ms(), run.load().equals(ClusterRun.CLOSED_LOOP) ? ""
                        : String.format(Locale.ROOT, "; sender at worst %.2f ms behind schedule", run.maxSendLagMs()),
                run.ok() ? "correct" : "FAILED " + run.correctness().samples()
                        + (run.topology().equals(Topology.CLUSTER.settingName()) ? " crossed " + run.forwardsAcross()
                        + "/" + run.repliesAcross() + " of " + run.correctness().sent() : ""));
        return run;
    }

    /**
     * What every run of the phase shares: the accounts, the fake Hive node, the Redis, the installed generator and
     * naive relay.
     */
    private record Rig(BenchSettings settings, List<BenchAccount> accounts, FakeHiveNode hive, LocalRedis redis,
                       Path nodeGenerator, Path naiveRelay, Path dir) {

        /** A closed loop through {@code topology}, by the generator {@code bench.generator} names. */
        ClusterRun closedLoop(RelayKind server, Topology topology, int round, boolean profile) throws Exception {
            Path runDir = dir.resolve(server.settingName() + "-" + topology.settingName() + "-" + round);
            try (ClusterNodes nodes = start(server, topology, runDir);
                 LoadGenerator generator = closedLoopGenerator(server, nodes.targets(), runDir)) {
                return measure(server, topology, ClusterRun.CLOSED_LOOP, round, nodes, generator,
                        settings.warmup(), settings.window(), profile ? runDir : null);
            }
        }

        /**
         * {@code bench.rate} requests per second through {@code topology}, from the generator {@code bench.generator}
         * names, once a closed loop of {@code bench.warmup} has warmed the nodes up.
         */
        ClusterRun atRate(RelayKind server, Topology topology, int round) throws Exception {
            Path runDir = dir.resolve(server.settingName() + "-" + topology.settingName() + "-rate-" + round);
            try (ClusterNodes nodes = start(server, topology, runDir);
                 OpenLoopGenerator generator = openLoopGenerator(server, nodes.targets(), runDir)) {
                generator.warmUp(settings.warmup(), settings.drainTimeout());
                return measure(server, topology, settings.rate() + "/s", round, nodes, generator,
                        rateWarmup(settings), settings.rateWindow(), null);
            }
        }

        private ClusterNodes start(RelayKind server, Topology topology, Path runDir) throws IOException {
            ExternalSettings external = settings.external();
            if (topology == Topology.CLUSTER) {
                // The keys of earlier runs would expire during this one, on Redis's CPU: each run starts from nothing.
                redis.flushAll();
            }
            if (!server.isJar()) {
                return ClusterNodes.startNaive(topology, naiveRelay, runDir, settings.serverTimeout(), redis);
            }
            return ClusterNodes.start(topology, server.isBaseline() ? external.baselineJar() : external.serverJar(),
                    external.serverHeap(), external.serverJvmOptions(), server.replyPok(), runDir, hive.uri(),
                    settings.serverTimeout(), redis);
        }

        private LoadGenerator closedLoopGenerator(RelayKind server, PeerTargets targets, Path runDir)
                throws Exception {
            return switch (settings.external().generator()) {
                case JVM -> JvmGenerator.connect(targets, server.replyPok(), accounts, settings.pksas(),
                        settings.apps(), settings.inFlight());
                case NODE -> NodeGenerator.connect(nodeGenerator, runDir.resolve("generator"), targets,
                        server.replyPok(), accounts, settings.pksas(), settings.apps(), settings.inFlight(),
                        settings.drainTimeout());
            };
        }

        private OpenLoopGenerator openLoopGenerator(RelayKind server, PeerTargets targets, Path runDir)
                throws Exception {
            return switch (settings.external().generator()) {
                case JVM -> JvmGenerator.atRate(targets, server.replyPok(), accounts, settings.pksas(), settings.apps(),
                        settings.inFlight(), settings.rate());
                case NODE -> NodeGenerator.atRate(nodeGenerator, runDir.resolve("generator"), targets,
                        server.replyPok(), accounts, settings.pksas(), settings.apps(), settings.inFlight(),
                        settings.rate(), settings.drainTimeout());
            };
        }

        /** Warm-up, the measured window, the profiling window when {@code profileDir} is set, the drain. */
        private ClusterRun measure(RelayKind server, Topology topology, String load, int round, ClusterNodes nodes,
                                   LoadGenerator generator, Duration warmup, Duration window, Path profileDir)
                throws Exception {
            generator.start(warmup, window);
            generator.awaitWindowStart();
            ClusterWindow measured = ClusterWindow.open(nodes, topology == Topology.CLUSTER ? redis : null, generator);
            generator.awaitWindowEnd();
            ClusterWindow.Figures figures = measured.close();
            Map<String, Hotspots> hotspots = profileDir == null ? Map.of()
                    : profile(nodes, profileDir, SaturationPhase.profilingWindow(window));
            generator.stopSending();
            RoundTripCorrectness correctness = generator.drain(nodes::counts, settings.drainTimeout());
            long lag = generator instanceof OpenLoopGenerator open ? open.maxSendLagNanos() : 0;
            ClusterRun.Crossings crossed = topology == Topology.CLUSTER ? crossings(nodes) : ClusterRun.Crossings.NONE;
            return ClusterRun.of(server, topology, load, round, window, generator.answeredInWindow(),
                    generator.latency(), lag, figures, crossed, hotspots, correctness);
        }
    }

    /** Samples every node at once for {@code length} from when the last JFR has started. */
    private static Map<String, Hotspots> profile(ClusterNodes nodes, Path dir, Duration length) throws IOException {
        Map<String, ChildProfiler> profilers = new LinkedHashMap<>();
        for (Map.Entry<String, Long> node : nodes.pids().entrySet()) {
            profilers.put(node.getKey(), ChildProfiler.start(node.getValue(),
                    Files.createDirectories(dir.resolve(node.getKey()))));
        }
        Pacing.sleepUntil(System.nanoTime() + length.toNanos());
        Map<String, Hotspots> hotspots = new LinkedHashMap<>();
        for (Map.Entry<String, ChildProfiler> profiler : profilers.entrySet()) {
            hotspots.put(profiler.getKey(), profiler.getValue().stop());
        }
        return hotspots;
    }

    /** What crossed between the nodes over the whole run, by their own counts (none for the naive relay's). */
    private static ClusterRun.Crossings crossings(ClusterNodes nodes) {
        long forwards = 0;
        long replies = 0;
        long recovered = 0;
        for (ChildRelay.Metrics metrics : nodes.metrics().values()) {
            forwards += NodeMetrics.acrossNodes(metrics, "forward");
            replies += NodeMetrics.acrossNodes(metrics, "reply");
            recovered += NodeMetrics.recovered(metrics);
        }
        return new ClusterRun.Crossings(forwards, replies, recovered);
    }
}
