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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link GeneratorKind#NODE}: bench/generator on Node, one process per wallet and per APP, with the traffic and the
 * checks of {@link dev.hiveauth.bench.roundtrip.SimulatedPeers} at a fraction of its CPU per round trip. Its payloads
 * are encrypted here, once per account, with the project's own CryptoJS code: the relay never reads them, and the
 * peers check they arrive as sent. The processes learn the window as two instants of the system clock, which Node's
 * {@code Date.now()} and {@link System#currentTimeMillis()} both read, and report their counts when told to stop.
 */
final class NodeGenerator implements LoadGenerator {
    private static final String SCRIPT = "generator.js";
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    /** How long a process may take to print its tally once it is due: a line of a few MB when the window was long. */
    private static final Duration REPORT_MARGIN = Duration.ofSeconds(30);
    /** How long the authentication the wallets grant lasts; the APPs only check that it arrives as sent. */
    private static final Duration GRANTED = Duration.ofDays(1);

    private final List<NodePeer> wallets;
    private final List<NodePeer> apps;
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final Map<NodePeer, NodeTally> tallies = new LinkedHashMap<>();
    private long windowStartNanos;
    private long windowEndNanos;
    private long answeredInWindow;

    private NodeGenerator(List<NodePeer> wallets, List<NodePeer> apps) {
        this.wallets = wallets;
        this.apps = apps;
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
        Path config = writeConfig(Files.createDirectories(runDir.toAbsolutePath()).resolve("generator.json"), targets,
                replyPok, accounts, inFlight, drainTimeout);
        NodeGenerator generator = new NodeGenerator(new ArrayList<>(), new ArrayList<>());
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
     * What generator.js reads: the relay (the wallets' own when they connect elsewhere), the key to prove to, the load,
     * and each account with its payloads.
     */
    private static Path writeConfig(Path file, PeerTargets targets, boolean replyPok, List<BenchAccount> accounts,
                                    int inFlight, Duration drainTimeout) throws IOException {
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
        config.put("drainMillis", drainTimeout.toMillis());
        config.put("accounts", entries);
        new ObjectMapper().writeValue(file.toFile(), config);
        return file;
    }

    @Override
    public void start(Duration warmup, Duration window) throws IOException {
        long nowNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis() + warmup.toMillis();
        windowStartNanos = nowNanos + warmup.toNanos();
        windowEndNanos = windowStartNanos + window.toNanos();
        for (NodePeer app : apps) {
            app.tell("go " + startMillis + " " + (startMillis + window.toMillis()));
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
