package dev.hiveauth.bench.external;

import dev.hiveauth.bench.roundtrip.ServerCounts;
import dev.hiveauth.it.fixture.ChildRelay;
import dev.hiveauth.protocol.testing.LocalRedis;
import dev.hiveauth.server.key.ServerKeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The relays the cluster phase runs ({@link Topology}): one node alone, or two nodes on a Redis. has-server.jar's are
 * started as an operator starts them ({@code --redis URI --redis-prefix P}, the same key file for both), each a
 * {@link JarRelay} with the per-socket limits lifted; the naive relay's are its yardstick ({@link NaiveRelay}).
 * Closing it ends every node; the Redis is the caller's.
 */
final class ClusterNodes implements AutoCloseable {
    private static final String KEY_FILE = "has.key";
    private static final String REDIS_UNREACHED = "cannot reach Redis";
    private static final int START_ATTEMPTS = 3;

    private final List<RelayUnderTest> nodes;

    private ClusterNodes(List<RelayUnderTest> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts {@code topology}'s nodes from {@code jar}, each in a directory of its own under {@code dir}; for a
     * cluster, on {@code redis} under a key prefix of their own (each run has a server key of its own, and the first
     * node of a prefix records it there).
     */
    static ClusterNodes start(Topology topology, Path jar, String heap, List<String> jvmOptions, boolean strict, Path dir,
                          URI hiveNode, Duration timeout, LocalRedis redis) throws IOException {
        List<RelayUnderTest> nodes = new ArrayList<>();
        try {
            if (topology == Topology.SINGLE) {
                nodes.add(JarRelay.start(jar, heap, jvmOptions, strict, dir.resolve("node-1"), hiveNode, timeout));
                return new ClusterNodes(nodes);
            }
            List<String> cluster = List.of("--redis", redis.uri().toString(),
                    "--redis-prefix", "bench-" + System.nanoTime() + ":");
            Path first = Files.createDirectories(dir.resolve("node-1").toAbsolutePath());
            Path second = Files.createDirectories(dir.resolve("node-2").toAbsolutePath());
            // Every node must be given the same key file: the wallets prove their accounts to the key of the node
            // they ask, and a node with another key would refuse to join.
            ServerKeyFile.loadOrCreate(first.resolve(KEY_FILE));
            Files.copy(first.resolve(KEY_FILE), second.resolve(KEY_FILE), StandardCopyOption.COPY_ATTRIBUTES,
                    StandardCopyOption.REPLACE_EXISTING);
            // Both at once: a JVM's start is mostly waiting for its class loading and JIT on a shared machine.
            CompletableFuture<JarRelay> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return startNode(jar, heap, jvmOptions, strict, second, hiveNode, timeout, cluster);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                nodes.add(startNode(jar, heap, jvmOptions, strict, first, hiveNode, timeout, cluster));
            } finally {
                nodes.add(join(starting));
            }
            return new ClusterNodes(nodes);
        } catch (IOException | RuntimeException e) {
            nodes.forEach(RelayUnderTest::close);
            throw e;
        }
    }

    /**
     * Starts {@code topology}'s nodes of the naive relay installed in {@code installed}, each with its output in a
     * directory of its own under {@code dir}; for a cluster, on {@code redis}.
     */
    static ClusterNodes startNaive(Topology topology, Path installed, Path dir, Duration timeout, LocalRedis redis)
            throws IOException {
        List<RelayUnderTest> nodes = new ArrayList<>();
        try {
            if (topology == Topology.SINGLE) {
                nodes.add(NaiveRelay.start(installed, dir.resolve(name(0)), timeout, null));
            } else {
                nodes.add(NaiveRelay.start(installed, dir.resolve(name(0)), timeout, redis.uri()));
                nodes.add(NaiveRelay.start(installed, dir.resolve(name(1)), timeout, redis.uri()));
            }
            return new ClusterNodes(nodes);
        } catch (IOException | RuntimeException e) {
            nodes.forEach(RelayUnderTest::close);
            throw e;
        }
    }

    /**
     * A cluster node, started again when it gave up on Redis at once: a node connects within its 1 s command timeout or
     * exits ("cannot reach Redis"), which a cold JVM on a busy machine sometimes misses (seen in the smoke test, two
     * JVMs starting beside other builds).
     */
    private static JarRelay startNode(Path jar, String heap, List<String> jvmOptions, boolean strict, Path dir,
                                      URI hiveNode, Duration timeout, List<String> cluster) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return JarRelay.start(jar, heap, jvmOptions, strict, dir, hiveNode, timeout, cluster);
            } catch (IllegalStateException e) {
                if (attempt == START_ATTEMPTS || e.getMessage() == null || !e.getMessage().contains(REDIS_UNREACHED)) {
                    throw e;
                }
            }
        }
    }

    /** The node {@code starting} started, or its failure as the start's own exception. */
    private static JarRelay join(CompletableFuture<JarRelay> starting) throws IOException {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** APPs on the first node, wallets on the last: the same node when there is one. */
    PeerTargets targets() {
        return new PeerTargets(nodes.get(0).uri(), nodes.get(nodes.size() - 1).uri(), nodes.get(0).serverKey());
    }

    /** Each node's process id, by name: node-1, node-2. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            pids.put(name(i), nodes.get(i).pid());
        }
        return pids;
    }

    /** What each node's /metrics shows now, by name: has-server's nodes, the naive relay has none. */
    Map<String, ChildRelay.Metrics> metrics() {
        Map<String, ChildRelay.Metrics> metrics = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof JarRelay jar) {
                metrics.put(name(i), jar.metrics());
            }
        }
        return metrics;
    }

    /**
     * What the nodes counted, added up: a request is accepted on the APP's node and approved on the wallet's, each
     * counted once in the cluster. Null when a node counts nothing (the naive relay).
     */
    ServerCounts counts() {
        long accepted = 0;
        long approved = 0;
        long errors = 0;
        long pokFailures = 0;
        for (RelayUnderTest node : nodes) {
            ServerCounts counts = node.counts();
            if (counts == null) {
                return null;
            }
            accepted += counts.accepted();
            approved += counts.approved();
            errors += counts.errorsSent();
            pokFailures += counts.pokFailures();
        }
        return new ServerCounts(accepted, approved, errors, pokFailures);
    }

    private static String name(int index) {
        return "node-" + (index + 1);
    }

    @Override
    public void close() {
        nodes.forEach(RelayUnderTest::close);
    }
}
