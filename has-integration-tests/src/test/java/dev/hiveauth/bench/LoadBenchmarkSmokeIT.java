package dev.hiveauth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.bench.BenchSettings.Phase;
import dev.hiveauth.bench.external.ExternalResult;
import dev.hiveauth.bench.external.ExternalRun;
import dev.hiveauth.bench.external.ExternalSettings;
import dev.hiveauth.bench.external.GeneratorKind;
import dev.hiveauth.bench.external.RelayKind;
import dev.hiveauth.bench.external.Topology;
import dev.hiveauth.bench.idle.IdleResult;
import dev.hiveauth.bench.roundtrip.PhaseResult;
import dev.hiveauth.bench.users.UserFlow;
import dev.hiveauth.bench.users.UsersResult;
import dev.hiveauth.it.fixture.ChildRelay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the load benchmark from rotting: every part of it, at a size that takes seconds, inside
 * {@code mvn verify} (the external part against the jar only: Node is not needed to build the project), the cluster
 * part aside: six jar starts took it 18-33 s here, and a cold cluster on a busy machine answered nothing within a
 * window of 0.5 s. It checks that every request was answered exactly once, every login approved once with nothing
 * refused by the relay, and the report is complete, never how fast anything was (that depends on the machine).
 */
class LoadBenchmarkSmokeIT {
    private static final Path REPORT_DIR = Path.of("target", "bench-smoke");

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSmallRunAnswersEveryRequestOnceAndWritesACompleteReport() throws Exception {
        BenchSettings settings = new BenchSettings(EnumSet.complementOf(EnumSet.of(Phase.CLUSTER)), 2, 2, 1, true, 4,
                Duration.ofMillis(200), Duration.ofMillis(500), 400, Duration.ZERO, Duration.ofMillis(500),
                Duration.ofSeconds(20), Duration.ofSeconds(60), true, 10, 2, 200,
                List.of(UserFlow.DEFAULT, UserFlow.RELAY), 50, 2, List.of(), "256m",
                new ExternalSettings(List.of(RelayKind.HAS_COMPAT, RelayKind.HAS_STRICT), 1, "256m",
                        List.of("-XX:+UseG1GC"), ChildRelay.JAR, null, Path.of("bench", "naive-relay"),
                        GeneratorKind.JVM, Path.of("bench", "generator"),
                        List.of(RelayKind.HAS_COMPAT), List.of(Topology.SINGLE, Topology.CLUSTER)), REPORT_DIR);

        BenchReport report = LoadBenchmark.run(settings);

        PhaseResult saturation = report.saturation();
        assertThat(saturation.correctness().samples()).isEmpty();
        assertThat(saturation.correctness().ok()).isTrue();
        assertThat(saturation.correctness().sent()).isPositive().isEqualTo(saturation.correctness().answered());

        // 400/s for 0.5 s: exactly 200 requests, each scheduled, sent and answered once.
        PhaseResult fixedRate = report.fixedRate();
        assertThat(fixedRate.correctness().ok()).isTrue();
        assertThat(fixedRate.correctness().sent()).isEqualTo(200);
        assertThat(fixedRate.correctness().answered()).isEqualTo(200);
        assertThat(fixedRate.correctness().server().approved()).isEqualTo(200);
        assertThat(fixedRate.clientLatency().count()).isEqualTo(200);
        assertThat(fixedRate.serverLatency().frames()).isPositive();

        // 200 logins over 2 clients and 10 accounts, once per flow control: each approved once, none refused.
        assertThat(report.users()).extracting(UsersResult::flow).containsExactly("default", "relay");
        for (UsersResult run : report.users()) {
            assertThat(run.samples()).as("%s flow", run.flow()).isEmpty();
            assertThat(run.approved()).isEqualTo(200);
            assertThat(run.distinctApprovals()).isEqualTo(200);
            assertThat(run.walletAuths()).isEqualTo(200);
            assertThat(run.relay()).isEqualTo(new UsersResult.RelayCounts(200, 200, 0, 0, 0));
            assertThat(run.clientConnectionsPeak()).isBetween(2, 2 * run.flowControl().maxConnections());
            assertThat(run.ok()).isTrue();
        }

        IdleResult idle = report.idle();
        assertThat(idle.firstFailure()).isNull();
        assertThat(idle.opened()).isEqualTo(50);
        assertThat(idle.heapWithConnectionsBytes()).isPositive();
        assertThat(idle.heapMaxBytes()).isPositive();

        // The jar in a child process, compat then strict (Node is for the full benchmark only): the relay's own
        // counts, read from its /metrics, agree with the peers', and its CPU was read from /proc.
        ExternalResult external = report.external();
        assertThat(external.runs()).extracting(ExternalRun::server).containsExactly("has-compat", "has-strict");
        assertThat(external.runs()).extracting(ExternalRun::generator).as("the JVM generator: no Node needed")
                .containsOnly("jvm");
        for (ExternalRun run : external.runs()) {
            assertThat(run.correctness().ok()).as("%s: %s", run.server(), run.correctness().samples()).isTrue();
            assertThat(run.correctness().server().approved()).isEqualTo(run.correctness().answered()).isPositive();
            assertThat(run.relayCpuMicrosPerRoundTrip()).isPositive();
        }
        assertThat(external.runs()).extracting(ExternalRun::hotspots).as("each jar's JFR recording, read")
                .doesNotContainNull();
        assertThat(external.medians()).extracting(ExternalResult.Medians::roundTripsVsNode).containsOnlyNulls();

        assertThat(report.verdict().everyRequestAnsweredOnce()).isTrue();
        assertThat(report.verdict().everyLoginApprovedOnce()).isTrue();
        JsonNode json = new ObjectMapper().readTree(REPORT_DIR.resolve("bench-report.json").toFile());
        for (String field : List.of("generatedAt", "machine", "settings", "targets", "saturation", "fixedRate", "users",
                "idle", "external", "verdict")) {
            assertThat(json.hasNonNull(field)).as("report field %s", field).isTrue();
        }
        assertThat(json.at("/machine/cores").asInt()).isPositive();
        assertThat(json.at("/fixedRate/serverLatency/p99Ms").isNumber()).isTrue();
        assertThat(json.at("/idle/heapPerConnectionBytes").isNumber()).isTrue();
        assertThat(json.at("/users/1/relay/approved").asLong()).isEqualTo(200);
        assertThat(Files.readString(REPORT_DIR.resolve("bench-summary.txt")))
                .contains("round trips/s", "server latency ms", "Many users per socket", "Idle connections",
                        "The relay alone, in a process of its own");
    }
}
