package dev.hiveauth.bench.external;

import dev.hiveauth.bench.roundtrip.ServerCounts;
import dev.hiveauth.it.fixture.ChildRelay;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.server.key.ServerKeyFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * has-server.jar as an operator runs it ({@link ChildRelay}), with the per-socket limits lifted as in the in-process
 * phases: one simulated connection carries many users' traffic. Its counts come from its /metrics, read only after
 * the measured window.
 */
final class JarRelay implements RelayUnderTest {
    private static final String UNLIMITED = "10000000";

    private final ChildRelay relay;
    private final PublicKey serverKey;

    private JarRelay(ChildRelay relay, PublicKey serverKey) {
        this.relay = relay;
        this.serverKey = serverKey;
    }

    /**
     * Starts {@code jar} in {@code dir} on a heap of {@code heap} ({@code -Xms} and {@code -Xmx}, touched at start) with
     * the JVM options {@code jvmOptions} (its collector), looking accounts up on {@code hiveNode}, with
     * {@code --strict-pok} when {@code strict}.
     */
    static JarRelay start(Path jar, String heap, List<String> jvmOptions, boolean strict, Path dir, URI hiveNode,
                          Duration timeout) throws IOException {
        return start(jar, heap, jvmOptions, strict, dir, hiveNode, timeout, List.of());
    }

    /**
     * As {@link #start(Path, String, List, boolean, Path, URI, Duration)}, with {@code moreOptions} for the jar (e.g.
     * {@code --redis}). A key file {@code has.key} already in {@code dir} is used: the nodes of a cluster share one.
     */
    static JarRelay start(Path jar, String heap, List<String> jvmOptions, boolean strict, Path dir, URI hiveNode,
                          Duration timeout, List<String> moreOptions) throws IOException {
        // Made here rather than by the jar, so the wallets know the key without asking for it.
        PublicKey serverKey = ServerKeyFile.loadOrCreate(Files.createDirectories(dir.toAbsolutePath())
                .resolve("has.key")).publicKey();
        // The whole heap touched at start: on a VM that hands idle memory back to its host (this project's does, within
        // 30 s), a page's first touch costs ten times more, and a fresh node's first minute would measure that.
        List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch"));
        jvm.addAll(jvmOptions);
        jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
        // Waiting requests may hold a tenth of the heap, as by default; one socket may hold all of it.
        String pendingMib = Long.toString(mebibytes(heap) / 10);
        List<String> options = new ArrayList<>(List.of("--rate-limit", UNLIMITED, "--rate-burst", UNLIMITED,
                "--max-pending-per-socket", UNLIMITED, "--max-pending-mb", pendingMib,
                "--max-pending-mb-per-socket", pendingMib));
        if (strict) {
            options.add("--strict-pok");
        }
        options.addAll(moreOptions);
        return new JarRelay(ChildRelay.start(jar, jvm, dir, hiveNode, timeout, options), serverKey);
    }

    /** {@code 1g}, {@code 512m}: the JVM's way of writing a heap size, in MiB. */
    static long mebibytes(String heap) {
        String h = heap.trim().toLowerCase(Locale.ROOT);
        long number = Long.parseLong(h.replaceAll("[kmg]$", ""));
        return switch (h.charAt(h.length() - 1)) {
            case 'g' -> number * 1024;
            case 'm' -> number;
            case 'k' -> number / 1024;
            default -> number / (1024 * 1024);
        };
    }

    @Override
    public URI uri() {
        return relay.uri();
    }

    @Override
    public long pid() {
        return relay.pid();
    }

    @Override
    public PublicKey serverKey() {
        return serverKey;
    }

    /** What its /metrics shows now. */
    ChildRelay.Metrics metrics() {
        return relay.metrics();
    }

    @Override
    public ServerCounts counts() {
        ChildRelay.Metrics metrics = relay.metrics();
        // The phase sends auth requests only, so counting by outcome alone counts auth requests.
        return new ServerCounts((long) metrics.sum("has_requests_total", "outcome=\"accepted\""),
                (long) metrics.sum("has_requests_total", "outcome=\"approved\""),
                (long) metrics.sum("has_errors_total", ""), (long) metrics.sum("has_pok_failures_total", ""));
    }

    @Override
    public void close() {
        relay.close();
    }
}
