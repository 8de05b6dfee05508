package dev.hiveauth.bench.external;

import dev.hiveauth.bench.measure.LatencySummary;
import dev.hiveauth.bench.roundtrip.BenchAccount;
import dev.hiveauth.bench.roundtrip.ClosedLoop;
import dev.hiveauth.bench.roundtrip.Drain;
import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;
import dev.hiveauth.bench.roundtrip.ServerCounts;
import dev.hiveauth.bench.roundtrip.SimulatedPeers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link GeneratorKind#JVM}: the closed loop of the in-process phases ({@link SimulatedPeers}, {@link ClosedLoop}) in
 * this JVM, whose CPU is then the generator's.
 */
final class JvmGenerator implements LoadGenerator {
    private static final long PID = ProcessHandle.current().pid();

    private final SimulatedPeers peers;
    private final int inFlight;
    private ClosedLoop loop;

    private JvmGenerator(SimulatedPeers peers, int inFlight) {
        this.peers = peers;
        this.inFlight = inFlight;
    }

    /** Registers {@code accounts} on {@code wallets} wallets; connects {@code apps} APPs, {@code inFlight} each. */
    static JvmGenerator connect(RelayUnderTest relay, boolean replyPok, List<BenchAccount> accounts, int wallets,
                                int apps, int inFlight) throws Exception {
        return new JvmGenerator(SimulatedPeers.connect(relay.uri(), relay.serverKey(), replyPok, accounts, wallets,
                apps), inFlight);
    }

    @Override
    public void start(Duration warmup, Duration window) {
        loop = ClosedLoop.start(peers.apps(), inFlight, warmup, window);
    }

    @Override
    public void awaitWindowStart() {
        loop.awaitWindowStart();
    }

    @Override
    public void awaitWindowEnd() {
        loop.awaitWindowEnd();
    }

    @Override
    public void stopSending() {
        loop.stopSending();
    }

    @Override
    public RoundTripCorrectness drain(Supplier<ServerCounts> relayCounts, Duration timeout) {
        return Drain.await(peers::outstanding, () -> peers.correctness(relayCounts.get()), timeout);
    }

    @Override
    public long answeredInWindow() {
        return loop.answeredInWindow();
    }

    @Override
    public LatencySummary latency() {
        return loop.latency();
    }

    @Override
    public Map<String, Long> cpuNanos() {
        return Map.of("benchmark JVM", ProcCpu.processNanos(PID));
    }

    @Override
    public void close() {
        peers.close();
    }
}
