package dev.hiveauth.bench.external;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.bench.Pacing;
import dev.hiveauth.bench.measure.LatencyRecorder;
import dev.hiveauth.bench.measure.LatencySummary;
import dev.hiveauth.bench.roundtrip.BenchAccount;
import dev.hiveauth.bench.roundtrip.Drain;
import dev.hiveauth.bench.roundtrip.RoundTripCorrectness;
import dev.hiveauth.bench.roundtrip.ServerCounts;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.AuthReqData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link GeneratorKind#NODE}: bench/generator on Node, one process per wallet and per APP, with the traffic and the
 * checks of {@link dev.hiveauth.bench.roundtrip.SimulatedPeers} at a fraction of its CPU per round trip. Its payloads
 * are encrypted here, once per account, with the project's own CryptoJS code: the relay never reads them, and the
 * peers check they arrive as sent. The processes learn the window as two instants of the system clock, which Node's
 * {@code Date.now()} and {@link System#currentTimeMillis()} both read, and report their counts when told to stop.
 * The APPs run a closed loop ({@link #connect}) or an open one at a fixed rate ({@link #atRate}), each APP on its own
 * schedule, offset from the others' so that together they send as evenly as the JVM's one sender.
 */
final class NodeGenerator implements OpenLoopGenerator {
    private static final String SCRIPT = "generator.js";
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    /** How long a process may take to print its tally once it is due: a line of a few MB when the window was long. */
    private static final Duration REPORT_MARGIN = Duration.ofSeconds(30);
    /** How long the authentication the wallets grant lasts; the APPs only check that it arrives as sent. */
    private static final Duration GRANTED = Duration.ofDays(1);
    /** A moment for every APP to read its order before its first request of an open loop is due. */
    private static final Duration FIRST_SEND_DELAY = Duration.ofMillis(100);
    private static final double MILLIS_PER_SECOND = 1000.0;

    private final List<NodePeer> wallets;
    private final List<NodePeer> apps;
    /** The open loop's requests per second over all APPs; 0: a closed loop. */
    private final int rate;
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final Map<NodePeer, NodeTally> tallies = new LinkedHashMap<>();
    private long windowStartNanos;
    private long windowEndNanos;
    private long answeredInWindow;
    private long maxSendLagNanos;

    private NodeGenerator(List<NodePeer> wallets, List<NodePeer> apps, int rate) {
        this.wallets = wallets;
        this.apps = apps;
        this.rate = rate;
    }

    /**
     * Installs the generator from {@code sources} into {@code dir} ({@link NodePackage}) and runs its self-test: its
     * memo encoding on the known vectors of hive-crypto-notes §3.3. A wrong byte there would fail every proof.
     */
    static Path install(Path sources, Path dir) throws IOException, InterruptedException {
        Path installed = NodePackage.install(sources, dir);
        Process selfTest = new ProcessBuilder("node", SCRIPT, "--self-test").directory(installed.toFile())
                .redirectErrorStream(true).start();
        String output = new String(selfTest.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!selfTest.waitFor(SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || selfTest.exitValue() != 0) {
            selfTest.destroyForcibly();
            throw new IOException("the Node generator's self-test failed: " + output);
        }
        return installed;
    }

    /**
     * Starts the generator installed in {@code installed} against {@code targets}: {@code wallets} processes register
     * their share of {@code accounts} (each account on exactly one wallet, proving every reply when {@code replyPok}),
     * then {@code apps} processes connect, each to keep {@code inFlight} requests outstanding once started, and to
     * wait up to {@code drainTimeout} for the last answers once stopped. Configuration and logs go to {@code runDir}.
     */
    static NodeGenerator connect(Path installed, Path runDir, PeerTargets targets, boolean replyPok,
                                 List<BenchAccount> accounts, int wallets, int apps, int inFlight,
                                 Duration drainTimeout) throws IOException, InterruptedException {
        return launch(installed, runDir, targets, replyPok, accounts, wallets, apps, inFlight, 0, drainTimeout);
    }

    /**
     * As {@link #connect}, but once started the APPs send {@code rate} requests per second in all on a fixed
     * schedule, answered or not, and each latency counts from its request's scheduled send; {@code inFlight} is the
     * warm-up's ({@link #warmUp}).
     */
    static NodeGenerator atRate(Path installed, Path runDir, PeerTargets targets, boolean replyPok,
                                List<BenchAccount> accounts, int wallets, int apps, int inFlight, int rate,
                                Duration drainTimeout) throws IOException, InterruptedException {
        if (rate <= 0) {
            throw new IllegalArgumentException("an open loop needs a rate above 0, not " + rate);
        }
        return launch(installed, runDir, targets, replyPok, accounts, wallets, apps, inFlight, rate, drainTimeout);
    }

    private static NodeGenerator launch(Path installed, Path runDir, PeerTargets targets, boolean replyPok,
                                        List<BenchAccount> accounts, int wallets, int apps, int inFlight, int rate,
                                        Duration drainTimeout) throws IOException, InterruptedException {
        Path config = writeConfig(Files.createDirectories(runDir.toAbsolutePath()).resolve("generator.json"), targets,
                replyPok, accounts, inFlight, rate == 0 ? 0 : (double) rate / apps, drainTimeout);
        NodeGenerator generator = new NodeGenerator(new ArrayList<>(), new ArrayList<>(), rate);
        try {
            int perWallet = accounts.size() / wallets;
            for (int w = 0; w < wallets; w++) {
                int to = w == wallets - 1 ? accounts.size() : (w + 1) * perWallet;
                generator.wallets.add(NodePeer.start(installed, "wallet-" + (w + 1), List.of("wallet",
                        config.toString(), Integer.toString(w * perWallet), Integer.toString(to)), runDir));
            }
            for (NodePeer wallet : generator.wallets) {
                wallet.awaitReady(SETUP_TIMEOUT);
            }
            for (int a = 0; a < apps; a++) {
                // Each APP starts on a different account, so the accounts (and wallets) share the load evenly.
                generator.apps.add(NodePeer.start(installed, "app-" + (a + 1), List.of("app", config.toString(),
                        Integer.toString(a % accounts.size())), runDir));
            }
            for (NodePeer app : generator.apps) {
                app.awaitReady(SETUP_TIMEOUT);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            generator.close();
            throw e;
        }
        return generator;
    }

    /**
     * What generator.js reads: the relay (the wallets' own when they connect elsewhere), the key to prove to, the load
     * (an open loop's rate per APP, 0 for none: then not written), and each account with its payloads.
     */
    private static Path writeConfig(Path file, PeerTargets targets, boolean replyPok, List<BenchAccount> accounts,
                                    int inFlight, double ratePerApp, Duration drainTimeout) throws IOException {
        HexFormat hex = HexFormat.of();
        // The same app identity the JVM generator sends; encrypted once per account instead of once per request.
        AuthReqData request = new AuthReqData(new AuthReqData.App("bench-app", "load benchmark", null));
        AuthAckData answer = new AuthAckData(System.currentTimeMillis() + GRANTED.toMillis());
        List<Map<String, String>> entries = accounts.stream().map(account -> Map.of("name", account.name(),
                "key", hex.formatHex(account.key().toBytes()), "requestData", request.encrypt(account.authKey()),
                "ackData", answer.encrypt(account.authKey()))).toList();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("relay", targets.apps().toString());
        config.put("walletRelay", targets.wallets().toString());
        config.put("serverKey", hex.formatHex(targets.serverKey().toBytes()));
        config.put("replyPok", replyPok);
        config.put("inFlight", inFlight);
        if (ratePerApp > 0) {
            config.put("rate", ratePerApp);
        }
        config.put("drainMillis", drainTimeout.toMillis());
        config.put("accounts", entries);
        new ObjectMapper().writeValue(file.toFile(), config);
        return file;
    }

    /** A closed loop from the APPs, told to pause after {@code length}; each says when its last answers came. */
    @Override
    public void warmUp(Duration length, Duration drainTimeout) throws IOException, InterruptedException {
        for (NodePeer app : apps) {
            // A window from 0 to 0 (epoch ms) holds no answer: nothing of the warm-up is measured.
            app.tell("go 0 0");
        }
        Pacing.sleepUntil(System.nanoTime() + length.toNanos());
        for (NodePeer app : apps) {
            app.tell("pause");
        }
        for (NodePeer app : apps) {
            // One that never says so has ended or hung: the open loop goes on, and its missing tally fails the run.
            app.awaitPaused(drainTimeout.plus(REPORT_MARGIN));
        }
    }

    /**
     * Starts the loop now: the closed loop at once, or the open loop's first request after {@link #FIRST_SEND_DELAY};
     * the measured window opens after {@code warmup} (from the first request) and lasts {@code window}, and an open
     * loop's schedule ends with it.
     */
    @Override
    public void start(Duration warmup, Duration window) throws IOException {
        if (rate > 0) {
            startAtRate(warmup, window);
            return;
        }
        long nowNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis() + warmup.toMillis();
        windowStartNanos = nowNanos + warmup.toNanos();
        windowEndNanos = windowStartNanos + window.toNanos();
        for (NodePeer app : apps) {
            app.tell("go " + startMillis + " " + (startMillis + window.toMillis()));
        }
    }

    /**
     * The APPs take turns as the JVM's one sender does: request i of the whole schedule is due {@code i / rate} after
     * the first, and APP {@code a} sends those with {@code i % apps == a}, so its schedule starts {@code a / rate} late.
     */
    private void startAtRate(Duration warmup, Duration window) throws IOException {
        long firstNanos = System.nanoTime() + FIRST_SEND_DELAY.toNanos();
        long firstMillis = System.currentTimeMillis() + FIRST_SEND_DELAY.toMillis();
        windowStartNanos = firstNanos + warmup.toNanos();
        windowEndNanos = windowStartNanos + window.toNanos();
        long startMillis = firstMillis + warmup.toMillis();
        long endMillis = startMillis + window.toMillis();
        for (int a = 0; a < apps.size(); a++) {
            apps.get(a).tell(String.format(Locale.ROOT, "rate %.3f %d %d", firstMillis + a * MILLIS_PER_SECOND / rate,
                    startMillis, endMillis));
        }
    }

    @Override
    public void awaitWindowStart() {
        Pacing.sleepUntil(windowStartNanos);
    }

    @Override
    public void awaitWindowEnd() {
        Pacing.sleepUntil(windowEndNanos);
    }

    /** An APP in an open loop first sends the rest of its schedule, which ends with the window. */
    @Override
    public void stopSending() throws IOException {
        for (NodePeer app : apps) {
            app.tell("stop");
        }
    }

    /** Each APP reports once its last answer came (or after {@code timeout}); then the wallets, told to, report. */
    @Override
    public RoundTripCorrectness drain(Supplier<ServerCounts> relayCounts, Duration timeout)
            throws InterruptedException {
        for (NodePeer app : apps) {
            NodeTally tally = app.awaitTally(timeout.plus(REPORT_MARGIN));
            tallies.put(app, tally);
            if (tally != null) {
                answeredInWindow += tally.answeredInWindow();
                maxSendLagNanos = Math.max(maxSendLagNanos, TimeUnit.MICROSECONDS.toNanos(tally.maxSendLagMicros()));
                for (long micros : tally.latencyMicros()) {
                    latencies.record(TimeUnit.MICROSECONDS.toNanos(micros));
                }
            }
        }
        for (NodePeer wallet : wallets) {
            try {
                wallet.tell("stop");
            } catch (IOException e) {
                // it has ended already: its tally, if any, was read
            }
        }
        for (NodePeer wallet : wallets) {
            tallies.put(wallet, wallet.awaitTally(REPORT_MARGIN));
        }
        // The processes have reported: nothing is outstanding any more but the relay's counters, given a moment.
        return Drain.await(() -> 0, () -> NodeTallies.judge(apps, wallets, tallies, relayCounts.get()),
                Duration.ZERO);
    }

    @Override
    public long answeredInWindow() {
        return answeredInWindow;
    }

    @Override
    public LatencySummary latency() {
        return latencies.summary();
    }

    /** The worst of the APPs' own: each sends on its own schedule; 0 after a closed loop. */
    @Override
    public long maxSendLagNanos() {
        return maxSendLagNanos;
    }

    @Override
    public Map<String, Long> cpuNanos() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (NodePeer peer : apps) {
            cpu.put(peer.name(), ProcCpu.processNanos(peer.pid()));
        }
        for (NodePeer peer : wallets) {
            cpu.put(peer.name(), ProcCpu.processNanos(peer.pid()));
        }
        return cpu;
    }

    @Override
    public void close() {
        for (NodePeer app : apps) {
            app.close();
        }
        for (NodePeer wallet : wallets) {
            wallet.close();
        }
    }
}
