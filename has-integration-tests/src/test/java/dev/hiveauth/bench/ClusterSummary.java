package dev.hiveauth.bench;

import dev.hiveauth.bench.external.ClusterResult;
import dev.hiveauth.bench.external.ClusterRun;
import dev.hiveauth.bench.measure.LatencySummary;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The cluster phase's part of bench-summary.txt: every run, the medians, the comparison and the paper estimate. */
final class ClusterSummary {
    private final BenchSummary out;

    ClusterSummary(BenchSummary out) {
        this.out = out;
    }

    void write(ClusterResult r, BenchReport.Targets targets) {
        out.line("");
        out.line("Through a cluster of two nodes on Redis (cluster): has-server.jar alone (single) and as two nodes on"
                + " one Redis %s (cluster), APPs on node 1 and wallets on node 2; %d round(s), each run in fresh"
                + " processes, the order of the two reversed every other round", r.redisVersion(), r.rounds());
        out.line("  closed loop: %s; %s warm-up, %s measured; generator: %s", r.load(), r.warmup(), r.window(),
                r.generator());
        out.line("  open loop: %d requests/s from the same generator, latency from each scheduled send;"
                + " %s warm-up, %s measured", r.rate(), r.rateWarmup(), r.rateWindow());
        out.line("  CPU µs per round trip: each process's utime+stime (/proc) over the window / the round trips"
                + " answered in it; Redis: INFO cpu (used_cpu_user+sys); commands: INFO stats"
                + " total_commands_processed");
        out.line("  %-5s %-10s %-8s %-11s %10s %9s %9s %9s %8s %10s %10s %9s %6s %6s  %s", "round", "mode",
                "topology", "load", "rt/s", "node-1 µs", "node-2 µs", "Redis µs", "cmds/rt", "client p50",
                "client p99", "generator", "others", "load", "correctness");
        for (ClusterRun run : r.runs()) {
            LatencySummary c = run.clientLatency();
            out.line("  %-5d %-10s %-8s %-11s %10.1f %9.1f %9s %9s %8s %7.3f ms %7.3f ms %9.2f %6.2f %6.2f  %s",
                    run.round(), run.server(), run.topology(), run.load(), run.roundTripsPerSecond(),
                    run.nodeCpuMicrosPerRoundTrip().getOrDefault("node-1", 0.0),
                    optional(run.nodeCpuMicrosPerRoundTrip().get("node-2")),
                    run.redis() == null ? "-" : String.format(Locale.ROOT, "%.1f", run.redis().cpuMicros()),
                    run.redis() == null ? "-" : String.format(Locale.ROOT, "%.2f", run.redis().commands()), c.p50Ms(),
                    c.p99Ms(), run.generatorCores(), run.otherCores(), run.loadAverageBefore(), verdict(run));
        }
        String lags = r.runs().stream().filter(run -> !run.load().equals(ClusterRun.CLOSED_LOOP))
                .map(run -> String.format(Locale.ROOT, "round %d %s %.2f ms", run.round(), run.topology(),
                        run.maxSendLagMs()))
                .collect(Collectors.joining(", "));
        if (!lags.isEmpty()) {
            out.line("  open loop, the sender at worst behind its schedule: %s", lags);
        }
        out.line("  medians over the rounds:");
        out.line("  %-11s %-10s %-8s %10s %14s %9s %8s %10s %10s", "load", "mode", "topology", "rt/s", "nodes µs/rt",
                "Redis µs", "cmds/rt", "client p50", "client p99");
        for (ClusterResult.Medians m : r.medians()) {
            out.line("  %-11s %-10s %-8s %10.1f %14.1f %9s %8s %7.3f ms %7.3f ms", m.load(), m.server(), m.topology(),
                    m.roundTripsPerSecond(), m.relayCpuMicrosPerRoundTrip(), optional(m.redisCpuMicrosPerRoundTrip()),
                    optional(m.redisCommandsPerRoundTrip()), m.clientP50Ms(), m.clientP99Ms());
        }
        out.line("  the cluster against one node (median of each round's figure):");
        for (ClusterResult.Comparison c : r.comparisons()) {
            out.line("    %-11s %-10s round trips/s %.2fx, nodes' CPU per round trip %.2fx, client p50 %+.3f ms,"
                    + " p99 %+.3f ms", c.load(), c.server(), c.roundTripsRatio(), c.cpuRatio(), c.addedP50Ms(),
                    c.addedP99Ms());
        }
        targets(r, targets);
        for (ClusterResult.PaperEstimate e : r.estimates()) {
            out.line("  on paper, %s: %d nodes of %d cores at %.1f µs per round trip (node-1 + node-2) carry %,.0f/s;"
                    + " one Redis core at %.1f µs (closed loop)%s carries %,.0f/s; a 1 Gbit/s link %,.0f/s:"
                    + " limited by %s", e.server(), e.nodes(), e.coresPerNode(), e.nodeMicrosPerRoundTrip(),
                    e.nodesCeiling(), e.redisMicrosClosedLoop(), e.redisMicrosAtRate() == null ? ""
                            : String.format(Locale.ROOT, " (%.1f µs in the open loop, mostly idle: not used)",
                            e.redisMicrosAtRate()), e.redisCeiling(), e.linkCeiling(), e.limitedBy());
        }
        for (ClusterRun run : r.runs()) {
            if (run.redis() != null) {
                redis(run);
            }
        }
        out.line("  threads of each process (/proc): context switches per round trip, time ready to run while no core was"
                + " free (per round trip, and per time put on a core), then cores by kind of thread");
        for (ClusterRun run : r.runs()) {
            out.line("    round %d, %s, %s, %s:", run.round(), run.server(), run.topology(), run.load());
            // switches, waits and cores are read from the same processes' threads: one entry each
            run.threadCores().forEach((process, cores) -> {
                ClusterRun.CoreWait waited = run.coreWaits().get(process);
                out.line("      %-7s %6.1f switches/rt; waited %7.1f µs/rt, %5.1f µs a time; %s", process,
                        run.contextSwitchesPerRoundTrip().get(process), waited.microsPerRoundTrip(),
                        waited.microsPerTimeslice(), cores.entrySet().stream().limit(8)
                                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                                .collect(Collectors.joining(", ")));
            });
        }
        for (ClusterRun run : r.runs()) {
            run.hotspots().forEach((node, hotspots) -> {
                out.line("  %s, %s, %s, round %d, %s:", run.server(), run.topology(), run.load(), run.round(), node);
                out.hotspots(hotspots);
            });
        }
    }

    private void targets(ClusterResult r, BenchReport.Targets targets) {
        Double throughput = r.clusterRoundTripsPerSecond();
        if (throughput != null) {
            out.line("  target: >= %,.0f round trips/s through the cluster (closed loop, first mode): %,.1f, %s",
                    targets.clusterRoundTripsPerSecond(), throughput,
                    BenchSummary.met(throughput >= targets.clusterRoundTripsPerSecond()));
        }
        Double added = r.addedP99MsAtRate();
        if (added != null) {
            out.line("  target: added client p99 <= %.0f ms at %d/s: %+.3f ms, %s", targets.clusterAddedP99Ms(),
                    r.rate(), added, BenchSummary.met(added <= targets.clusterAddedP99Ms()));
        }
    }

    private void redis(ClusterRun run) {
        ClusterRun.RedisPerRoundTrip redis = run.redis();
        out.line("  Redis per round trip, round %d, %s, %s: %.1f µs CPU (INFO; /proc %.1f µs), %.2f cores;"
                        + " %.2f commands; %.0f bytes in, %.0f out; %.2f keys expired", run.round(), run.server(),
                run.load(), redis.cpuMicros(), redis.processCpuMicros(), redis.cores(), redis.commands(),
                redis.netInputBytes(), redis.netOutputBytes(), redis.expiredKeys());
        out.line("    commands per round trip (µs per call): %s", redis.commandsByName().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.3f (%.2f)", e.getKey(), e.getValue(),
                        redis.usecPerCall().getOrDefault(e.getKey(), 0.0)))
                .collect(Collectors.joining(", ")));
        out.line("    Redis's longest stalls (ms, by cause): %s; expiry stopped at its time limit %d times",
                redis.longestStallsMs().isEmpty() ? "none of 1 ms or more" : redis.longestStallsMs().entrySet()
                        .stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                redis.expiresCapped());
        if (run.storeOperations().isEmpty()) {
            return; // the naive relay's nodes time nothing
        }
        out.line("    the nodes' store operations per round trip (mean sent -> answered, p99): %s",
                run.storeOperations().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.3f (%.0f µs, %.2f ms)", e.getKey(),
                                e.getValue().callsPerRoundTrip(), e.getValue().meanMicros(), e.getValue().p99Ms()))
                        .collect(Collectors.joining(", ")));
        out.line("    the nodes' own latency per relayed frame (p50 / p99 ms): %s",
                run.nodeLatency().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.3f / %.3f", e.getKey(), e.getValue().p50Ms(),
                                e.getValue().p99Ms()))
                        .collect(Collectors.joining(", ")));
    }

    private static String verdict(ClusterRun run) {
        if (run.ok()) {
            // crossings are counted by has-server's nodes only: the naive relay's cluster shows none
            return run.forwardsAcross() > 0 ? "OK, every request and reply crossed nodes" : "OK";
        }
        return "FAILED: " + run.correctness().samples() + (run.correctness().ok() ? "; crossed " + run.forwardsAcross()
                + " forwards, " + run.repliesAcross() + " replies of " + run.correctness().sent() + " requests, "
                + run.recovered() + " recovered" : "");
    }

    private static String optional(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
