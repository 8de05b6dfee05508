package dev.hiveauth.bench.external;

import dev.hiveauth.bench.BenchSettings;
import dev.hiveauth.bench.LoadBenchmark;
import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.ChildProfiler;
import dev.hiveauth.bench.measure.HotspotProfiler.Hotspots;
import dev.hiveauth.bench.roundtrip.BenchAccount;
import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;
import dev.hiveauth.bench.roundtrip.SaturationPhase;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.testing.FakeHiveChain;
import dev.hiveauth.protocol.testing.FakeHiveNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The relay alone: the closed loop of {@link SaturationPhase}, with the relay in a process of its own, so the CPU it
 * spends is its own (read from /proc) and not mixed with its peers'. Each round measures every relay of
 * {@link ExternalSettings#servers()}, each in a fresh process, the order reversed every other round (A B C, C B A,
 * A B C …) so that a drift in the machine's other load weighs on all alike. The load comes from this JVM's simulated
 * peers or from the light Node generator ({@link GeneratorKind}). The jar looks its accounts up on a fake Hive node in
 * this JVM. With profiling on, the jar's last run samples its stacks with JFR in a second window after the measured
 * one.
 */
public final class ExternalPhase {
    private ExternalPhase() {
    }

    public static ExternalResult run(BenchSettings settings) throws Exception {
        ExternalSettings external = settings.external();
        Path dir = settings.reportDir().resolve("external");
        List<BenchAccount> accounts = BenchAccount.create(settings.accounts());
        Path naiveRelay = external.servers().contains(RelayKind.NODE)
                ? NodePackage.install(external.naiveRelay(), dir.resolve("naive-relay")) : null;
        Path nodeGenerator = external.generator() == GeneratorKind.NODE
                ? NodeGenerator.install(external.nodeGenerator(), dir.resolve("generator")) : null;
        List<ExternalRun> runs = new ArrayList<>();
        try (FakeHiveNode hive = FakeHiveNode.start(chainOf(accounts))) {
            for (int round = 1; round <= external.rounds(); round++) {
                List<RelayKind> order = new ArrayList<>(external.servers());
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                for (RelayKind kind : order) {
                    boolean profile = settings.profile() && kind.isJar() && round == external.rounds();
                    Path runDir = dir.resolve(kind.settingName() + "-" + round);
                    try (RelayUnderTest relay = kind.isJar()
                            ? JarRelay.start(kind.isBaseline() ? external.baselineJar() : external.serverJar(),
                                    external.serverHeap(), external.serverJvmOptions(), kind.replyPok(), runDir,
                                    hive.uri(), settings.serverTimeout())
                            : NaiveRelay.start(naiveRelay, settings.serverTimeout());
                         LoadGenerator generator = connect(settings, kind, relay, accounts, nodeGenerator, runDir)) {
                        ExternalRun run = measure(settings, kind, round, relay, generator, profile ? runDir : null);
                        LoadBenchmark.progress("external, round %d, %s: %.1f round trips/s, %.1f µs relay CPU per"
                                + " round trip, %.2f cores; generator %.2f cores%s, others %.2f; %s", round,
                                kind.settingName(), run.roundTripsPerSecond(), run.relayCpuMicrosPerRoundTrip(),
                                run.relayCores(), run.generatorCores(), run.generatorProcessCores().size() > 1
                                        ? " " + run.generatorProcessCores() : "", run.otherCores(),
                                run.correctness().ok() ? "correct" : "FAILED " + run.correctness().samples());
                        runs.add(run);
                    }
                }
            }
        }
        return ExternalResult.of(settings.inFlight() + " in flight per APP x " + settings.apps() + " APPs, "
                        + settings.pksas() + " PKSAs, " + settings.accounts() + " accounts", external.generator(),
                settings.warmup().toMillis() / 1e3, settings.window().toMillis() / 1e3, external.rounds(),
                external.servers(), runs);
    }

    /** The generator {@code bench.generator} names, its peers connected to {@code relay} and registered. */
    private static LoadGenerator connect(BenchSettings settings, RelayKind kind, RelayUnderTest relay,
                                         List<BenchAccount> accounts, Path nodeGenerator, Path runDir)
            throws Exception {
        return switch (settings.external().generator()) {
            case JVM -> JvmGenerator.connect(relay.targets(), kind.replyPok(), accounts, settings.pksas(), settings.apps(),
                    settings.inFlight());
            case NODE -> NodeGenerator.connect(nodeGenerator, runDir.resolve("generator"), relay.targets(), kind.replyPok(),
                    accounts, settings.pksas(), settings.apps(), settings.inFlight(), settings.drainTimeout());
        };
    }

    /** One run: warm-up, the measured window, the profiling window when {@code profileDir} is set, the drain. */
    private static ExternalRun measure(BenchSettings settings, RelayKind kind, int round, RelayUnderTest relay,
                                       LoadGenerator generator, Path profileDir) throws Exception {
        generator.start(settings.warmup(), settings.window());
        generator.awaitWindowStart();
        ExternalWindow window = ExternalWindow.open(relay.pid(), generator);
        generator.awaitWindowEnd();
        ExternalWindow.Figures figures = window.close();
        Hotspots hotspots = profileDir == null ? null
                : profile(relay, profileDir, SaturationPhase.profilingWindow(settings.window()));
        generator.stopSending();
        RoundTripCorrectness correctness = generator.drain(relay::counts, settings.drainTimeout());
        return ExternalRun.of(kind, settings.external().generator(), round, generator.answeredInWindow(),
                generator.latency(), figures, hotspots, correctness);
    }

    /** Samples for {@code length} from when JFR has started: jcmd takes a second or more on a busy machine. */
    private static Hotspots profile(RelayUnderTest relay, Path dir, Duration length) throws IOException {
        ChildProfiler profiler = ChildProfiler.start(relay.pid(), dir);
        Pacing.sleepUntil(System.nanoTime() + length.toNanos());
        return profiler.stop();
    }

    /** A chain on which each account has its one benchmark key in every role. */
    static FakeHiveChain chainOf(List<BenchAccount> accounts) {
        FakeHiveChain chain = new FakeHiveChain(Clock.systemUTC());
        for (BenchAccount account : accounts) {
            PublicKey key = account.key().publicKey();
            chain.addAccount(account.name(), key, key, key, key);
        }
        return chain;
    }
}
