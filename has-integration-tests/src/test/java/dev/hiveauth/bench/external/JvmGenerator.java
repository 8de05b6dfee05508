package dev.hiveauth.bench.external;

import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.LatencySummary;
import dev.hiveauth.bench.roundtrip.BenchAccount;
import dev.hiveauth.bench.roundtrip.ClosedLoop;
import dev.hiveauth.bench.roundtrip.Drain;
import dev.hiveauth.bench.roundtrip.OpenLoop;
import dev.hiveauth.bench.roundtrip.RequestLoop;
import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;
import dev.hiveauth.bench.roundtrip.ServerCounts;
import dev.hiveauth.bench.roundtrip.SimulatedApp;
import dev.hiveauth.bench.roundtrip.SimulatedPeers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link GeneratorKind#JVM}: the simulated peers of the in-process phases ({@link SimulatedPeers}) in this JVM, whose
 * CPU is then the generator's, sending in a closed loop ({@link ClosedLoop}) or, for latency at a given rate, an open
 * one ({@link OpenLoop}).
 */
final class JvmGenerator implements OpenLoopGenerator {
    private static final long PID = ProcessHandle.current().pid();

    /** Starts the APPs' loop for a warm-up and a window. */
    private interface LoopStart {
        RequestLoop start(List<SimulatedApp> apps, Duration warmup, Duration window);
    }

    private final SimulatedPeers peers;
    private final LoopStart loopStart;
    /** Requests in flight per APP in a closed loop, the warm-up's included. */
    private final int inFlight;
    private RequestLoop loop;

    private JvmGenerator(SimulatedPeers peers, LoopStart loopStart, int inFlight) {
        this.peers = peers;
        this.loopStart = loopStart;
        this.inFlight = inFlight;
    }

    /**
     * Registers {@code accounts} on {@code wallets} wallets and connects {@code apps} APPs, where {@code targets}
     * says; once started, each APP keeps {@code inFlight} requests outstanding.
     */
    static JvmGenerator connect(PeerTargets targets, boolean replyPok, List<BenchAccount> accounts, int wallets,
                                int apps, int inFlight) throws Exception {
        return new JvmGenerator(peers(targets, replyPok, accounts, wallets, apps),
                (appList, warmup, window) -> ClosedLoop.start(appList, inFlight, warmup, window), inFlight);
    }

    /**
     * As {@link #connect}, but once started the APPs send {@code rate} requests per second in all on a fixed
     * schedule, and the latency counts from each request's scheduled send; {@code inFlight} is the warm-up's.
     */
    static JvmGenerator atRate(PeerTargets targets, boolean replyPok, List<BenchAccount> accounts, int wallets,
                               int apps, int inFlight, int rate) throws Exception {
        return new JvmGenerator(peers(targets, replyPok, accounts, wallets, apps),
                (appList, warmup, window) -> OpenLoop.start(appList, rate, warmup, window), inFlight);
    }

    private static SimulatedPeers peers(PeerTargets targets, boolean replyPok, List<BenchAccount> accounts,
                                        int wallets, int apps) throws Exception {
        return SimulatedPeers.connect(targets.apps(), targets.wallets(), targets.serverKey(), replyPok, accounts,
                wallets, apps);
    }

    /** A closed loop of {@code inFlight} requests per APP. */
    @Override
    public void warmUp(Duration length, Duration drainTimeout) {
        ClosedLoop warming = ClosedLoop.start(peers.apps(), inFlight, length, Duration.ZERO);
        warming.awaitWindowStart();
        warming.stopSending();
        Pacing.awaitCondition(() -> peers.outstanding() == 0, drainTimeout);
    }

    @Override
    public void start(Duration warmup, Duration window) {
        loop = loopStart.start(peers.apps(), warmup, window);
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

    /** How late an open loop's sender got behind its schedule at worst; 0 for a closed loop. */
    @Override
    public long maxSendLagNanos() {
        return loop instanceof OpenLoop open ? open.maxSendLagNanos() : 0;
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
