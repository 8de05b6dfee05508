package dev.hiveauth.bench;

import dev.hiveauth.bench.BenchSettings.Phase;
import dev.hiveauth.bench.external.ClusterPhase;
import dev.hiveauth.bench.external.ClusterResult;
import dev.hiveauth.bench.external.ExternalPhase;
import dev.hiveauth.bench.external.ExternalResult;
import dev.hiveauth.bench.external.RelayKind;
import dev.hiveauth.bench.idle.IdleCapacityBenchmark;
import dev.hiveauth.bench.idle.IdleResult;
import dev.hiveauth.bench.roundtrip.FixedRatePhase;
import dev.hiveauth.bench.roundtrip.PhaseResult;
import dev.hiveauth.bench.roundtrip.SaturationPhase;
import dev.hiveauth.bench.users.UserFlow;
import dev.hiveauth.bench.users.UsersPhase;
import dev.hiveauth.bench.users.UsersResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The load benchmark of the HAS server (issues 4 and 7): round trips per second with every role in this JVM
 * (closed loop), latency at a fixed rate (open loop), a backend's logins through the real client and wallet at
 * the relay's default limits (users), idle connections held by a server alone in a child JVM, and the relay alone in
 * a process of its own against a naive Node relay (external), and as two nodes sharing their requests in Redis next
 * to one node alone (cluster); the last two are not run by default. Settings are
 * {@code bench.*} system properties ({@link BenchSettings}); the report goes to
 * {@code target/bench-report.json} and {@code target/bench-summary.txt}, and the summary to stdout.
 * Run it with {@code mvn -B -pl has-integration-tests -am verify -DskipTests -Dbench.load} (see BENCHMARKS.md).
 * Exits 1 when a request went unanswered or wrong, or a login was not approved exactly once or was refused by the
 * relay (the figures are then not worth reading), 0 otherwise, whether or not the targets were met.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchReport report = run(BenchSettings.fromSystemProperties());
        System.out.print(BenchSummary.of(report));
        System.out.flush();
        // Tyrus's shared client transport lingers for a while after its last session: do not wait for it.
        System.exit(report.verdict().correct() ? 0 : 1);
    }

    /** Runs the parts {@code settings} names and writes the report files. */
    public static BenchReport run(BenchSettings settings) throws Exception {
        MachineInfo machine = MachineInfo.now();
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        PhaseResult saturation = null;
        PhaseResult fixedRate = null;
        List<UsersResult> users = null;
        IdleResult idle = null;
        ExternalResult external = null;
        ClusterResult cluster = null;
        if (settings.runs(Phase.SATURATION)) {
            progress("closed loop: %d APPs x %d in flight, %d PKSAs; %s warm-up, %s measured", settings.apps(),
                    settings.inFlight(), settings.pksas(), BenchSettings.show(settings.warmup()),
                    BenchSettings.show(settings.window()));
            saturation = SaturationPhase.run(settings);
            progress("closed loop: %.1f round trips/s", saturation.roundTripsPerSecond());
        }
        if (settings.runs(Phase.RATE)) {
            progress("open loop: %d requests/s; %s warm-up, %s measured", settings.rate(),
                    BenchSettings.show(settings.rateWarmup()), BenchSettings.show(settings.rateWindow()));
            fixedRate = FixedRatePhase.run(settings);
            progress("open loop: server p99 %.3f ms, client p99 %.3f ms", fixedRate.serverLatency().p99Ms(),
                    fixedRate.clientLatency().p99Ms());
        }
        if (settings.runs(Phase.USERS)) {
            progress("users: %,d logins over %d accounts on one service wallet, through %d HasClient(s); relay at"
                    + " default limits; flow control %s", settings.userLogins(), settings.userAccounts(),
                    settings.userClients(), settings.userFlows().stream().map(UserFlow::settingName).toList());
            users = UsersPhase.run(settings);
            for (UsersResult run : users) {
                progress("users, %s flow: %,d of %,d approved in %.1f s (%.1f logins/s), %d client sockets%s",
                        run.flow(), run.approved(), run.logins(), run.wallSeconds(), run.loginsPerSecond(),
                        run.clientConnectionsPeak(), run.ok() ? "" : "; FAILED: " + run.failures() + " " + run.relay());
            }
        }
        if (settings.runs(Phase.IDLE)) {
            progress("idle: %d connections to a server in a child JVM with -Xmx%s", settings.connections(),
                    settings.idleHeap());
            idle = IdleCapacityBenchmark.run(settings);
            progress("idle: %d opened, %d heap bytes per connection", idle.opened(), idle.heapPerConnectionBytes());
        }
        if (settings.runs(Phase.EXTERNAL)) {
            progress("external: the relay in a process of its own, %s; %d APPs x %d in flight, %d PKSAs, %d accounts;"
                    + " %d round(s); %s warm-up, %s measured", settings.external().servers().stream()
                    .map(RelayKind::settingName).toList(), settings.apps(), settings.inFlight(), settings.pksas(),
                    settings.accounts(), settings.external().rounds(), BenchSettings.show(settings.warmup()),
                    BenchSettings.show(settings.window()));
            external = ExternalPhase.run(settings);
        }
        if (settings.runs(Phase.CLUSTER)) {
            progress("cluster: the jar alone and as two nodes on one Redis, %s; %d APPs x %d in flight, %d wallets,"
                    + " %d accounts; %d round(s); closed loop %s warm-up, %s measured; open loop %d/s, %s warm-up, %s"
                    + " measured", settings.external().clusterServers().stream().map(RelayKind::settingName).toList(),
                    settings.apps(), settings.inFlight(), settings.pksas(), settings.accounts(),
                    settings.external().rounds(), BenchSettings.show(settings.warmup()),
                    BenchSettings.show(settings.window()), settings.rate(),
                    BenchSettings.show(ClusterPhase.rateWarmup(settings)), BenchSettings.show(settings.rateWindow()));
            cluster = ClusterPhase.run(settings);
        }
        BenchReport.Targets targets = BenchReport.Targets.ISSUE;
        BenchReport report = new BenchReport(started, machine, BenchReport.describe(settings), targets, saturation,
                fixedRate, users, idle, external, cluster, MachineInfo.currentLoadAverage(),
                BenchReport.Verdict.of(targets, saturation, fixedRate, users, idle, external, cluster));
        write(report, settings.reportDir());
        return report;
    }

    private static void write(BenchReport report, Path dir) throws IOException {
        report.write(dir.resolve("bench-report.json"));
        Files.writeString(dir.resolve("bench-summary.txt"), BenchSummary.of(report));
    }

    /** One line on stderr while a run goes on: what is being measured, and each part's headline. */
    public static void progress(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }
}
