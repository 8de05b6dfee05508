package dev.hiveauth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hiveauth.bench.external.ClusterResult;
import dev.hiveauth.bench.external.ExternalResult;
import dev.hiveauth.bench.external.RelayKind;
import dev.hiveauth.bench.external.Topology;
import dev.hiveauth.bench.idle.IdleResult;
import dev.hiveauth.bench.roundtrip.PhaseResult;
import dev.hiveauth.bench.users.UserFlow;
import dev.hiveauth.bench.users.UsersResult;
import dev.hiveauth.it.fixture.ChildRelay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, as written to {@code bench-report.json}: when and where, with what settings,
 * the targets, each part's figures (null for a part not run) and the verdict against the targets.
 *
 * @param users one result per flow control of the users phase, in the order run
 * @param external the relay in a process of its own, compared with the naive Node relay
 * @param cluster the jar as two nodes on Redis next to one node alone
 * @param loadAverageAtEnd the 1-minute load average when the run ended
 */
public record BenchReport(String generatedAt, MachineInfo machine, Map<String, Object> settings,
                          Targets targets, PhaseResult saturation, PhaseResult fixedRate, List<UsersResult> users,
                          IdleResult idle, ExternalResult external, ClusterResult cluster, double loadAverageAtEnd,
                          Verdict verdict) {

    /**
     * The targets of issues 4 and 7, on a 2-core machine; the server's p99 per relayed frame at 1,000 round trips/s
     * is issue 12's 1 ms (it was 5 ms); the cluster's are issue 11's, on the same machine with everything on it.
     *
     * @param clusterRoundTripsPerSecond through two nodes on Redis, compat mode, closed loop
     * @param clusterAddedP99Ms the client p99 two nodes on Redis add to one node alone, at the open loop's rate
     */
    public record Targets(double roundTripsPerSecond, double serverP99Ms, int serverP99AtRate, long idleConnections,
                          long idleHeapBytes, double clusterRoundTripsPerSecond, double clusterAddedP99Ms) {
        static final Targets ISSUE = new Targets(3_000, 1, 1_000, 20_000, 1L << 30, 5_000, 2);
    }

    /**
     * Each target met or not (null: the part did not run), and whether every request was answered correctly.
     *
     * @param idleConnections met when 20,000 connections, extrapolated, fit within 1 GiB of heap
     * @param everyLoginApprovedOnce users phase: every login of every run approved exactly once, nothing refused by
     *     the relay (null: the phase did not run)
     * @param clusterRoundTripsPerSecond the cluster phase's throughput target (null: not run, or no closed loop)
     * @param clusterAddedP99 the cluster phase's added-latency target (null: not run, or no open loop)
     */
    public record Verdict(Boolean roundTripsPerSecond, Boolean serverP99, Boolean idleConnections,
                          boolean everyRequestAnsweredOnce, Boolean everyLoginApprovedOnce,
                          Boolean clusterRoundTripsPerSecond, Boolean clusterAddedP99) {
        static Verdict of(Targets targets, PhaseResult saturation, PhaseResult fixedRate, List<UsersResult> users,
                          IdleResult idle, ExternalResult external, ClusterResult cluster) {
            Double clusterThroughput = cluster == null ? null : cluster.clusterRoundTripsPerSecond();
            Double addedP99 = cluster == null ? null : cluster.addedP99MsAtRate();
            return new Verdict(
                    saturation == null ? null : saturation.roundTripsPerSecond() >= targets.roundTripsPerSecond(),
                    fixedRate == null ? null : fixedRate.serverLatency().p99Ms() <= targets.serverP99Ms(),
                    idle == null ? null : idle.targetFitsIn1GiB(),
                    (saturation == null || saturation.correctness().ok())
                            && (fixedRate == null || fixedRate.correctness().ok())
                            && (external == null || external.correct())
                            && (cluster == null || cluster.correct()),
                    users == null ? null : users.stream().allMatch(UsersResult::ok),
                    clusterThroughput == null ? null : clusterThroughput >= targets.clusterRoundTripsPerSecond(),
                    addedP99 == null ? null : addedP99 <= targets.clusterAddedP99Ms());
        }

        /** Whether the figures are worth reading: nothing went unanswered, wrong or refused (missed targets aside). */
        boolean correct() {
            return everyRequestAnsweredOnce && !Boolean.FALSE.equals(everyLoginApprovedOnce);
        }
    }

    /** The settings as plain strings and numbers, in a stable order. */
    static Map<String, Object> describe(BenchSettings s) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("phases", s.phases().stream().map(Enum::name).sorted().toList());
        settings.put("apps", s.apps());
        settings.put("pksas", s.pksas());
        settings.put("accountsPerPksa", s.accountsPerPksa());
        settings.put("replyPok", s.replyPok());
        settings.put("inFlightPerApp", s.inFlight());
        settings.put("warmup", BenchSettings.show(s.warmup()));
        settings.put("window", BenchSettings.show(s.window()));
        settings.put("rate", s.rate());
        settings.put("rateWarmup", BenchSettings.show(s.rateWarmup()));
        settings.put("rateWindow", BenchSettings.show(s.rateWindow()));
        settings.put("serverTimeout", BenchSettings.show(s.serverTimeout()));
        settings.put("serverLimits", "round trips: SPEC §1 defaults, except per-socket rate and pending limits lifted"
                + " (one simulated connection carries many users' traffic), in this JVM or (external) in the jar; users:"
                + " Limits.DEFAULT, nothing lifted");
        settings.put("profile", s.profile());
        settings.put("userAccounts", s.userAccounts());
        settings.put("userClients", s.userClients());
        settings.put("userLogins", s.userLogins());
        settings.put("userFlow", s.userFlows().stream().map(UserFlow::settingName).toList());
        settings.put("connections", s.connections());
        settings.put("openThreads", s.openThreads());
        settings.put("sourceAddresses", s.sourceAddresses());
        settings.put("idleHeap", s.idleHeap());
        settings.put("servers", s.external().servers().stream().map(RelayKind::settingName).toList());
        settings.put("rounds", s.external().rounds());
        settings.put("serverHeap", s.external().serverHeap());
        settings.put("serverJvmOptions", s.external().serverJvmOptions());
        settings.put("serverJava", ChildRelay.JAVA);
        settings.put("serverJar", s.external().serverJar().toAbsolutePath().normalize().toString());
        settings.put("baselineJar", s.external().baselineJar() == null ? ""
                : s.external().baselineJar().toAbsolutePath().normalize().toString());
        settings.put("generator", s.external().generator().settingName());
        settings.put("clusterServers", s.external().clusterServers().stream().map(RelayKind::settingName).toList());
        settings.put("clusterTopologies",
                s.external().clusterTopologies().stream().map(Topology::settingName).toList());
        return settings;
    }

    void write(Path json) throws IOException {
        Files.createDirectories(json.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), this);
    }
}
