package dev.hiveauth.it.cluster;

import dev.hiveauth.it.fixture.ChildRelay;
import dev.hiveauth.it.fixture.RoundRobinBalancer;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.testing.LocalRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A cluster as an operator runs one: {@code has-server.jar} processes ({@link ChildRelay}) on one Redis, every node
 * given the same key file and {@code --redis}, behind a round-robin balancer that peers reach it through. Node
 * {@code i} is the balancer's {@code i}-th backend, so the first connection goes to node 0, the next to node 1.
 */
final class ChildCluster implements AutoCloseable {
    /**
     * The relay's default heap, on a JVM that compiles less and collects simply: nothing here measures the nodes' speed,
     * and a node then starts on about 1.1 s of CPU instead of 2 s (measured on the 2-core machine these tests share).
     */
    private static final List<String> JVM = List.of("-Xmx" + ChildRelay.HEAP, "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    private final LocalRedis redis;
    private final List<ChildRelay> nodes;
    private final RoundRobinBalancer balancer;

    private ChildCluster(LocalRedis redis, List<ChildRelay> nodes) {
        this.redis = redis;
        this.nodes = nodes;
        this.balancer = RoundRobinBalancer.over(nodes.stream().map(ChildRelay::uri).toList());
    }

    /**
     * Starts {@code count} nodes at once, each in its own directory under {@code dir}, looking keys up on
     * {@code hiveNode}, requests waiting {@code timeout} for a wallet; returns once every node listens.
     */
    static ChildCluster start(int count, Path dir, URI hiveNode, Duration timeout) {
        LocalRedis redis = LocalRedis.start();
        List<CompletableFuture<ChildRelay>> starting = new ArrayList<>();
        try {
            Path keyFile = writeKeyFile(dir.resolve("cluster.key"));
            List<String> options = List.of("--redis", redis.uri().toString(), "--key-file", keyFile.toString());
            for (int i = 0; i < count; i++) {
                Path nodeDir = dir.resolve("node" + i);
                starting.add(CompletableFuture.supplyAsync(() -> startNode(nodeDir, hiveNode, timeout, options)));
            }
            return new ChildCluster(redis, starting.stream().map(CompletableFuture::join).toList());
        } catch (RuntimeException e) {
            for (CompletableFuture<ChildRelay> node : starting) {
                node.thenAccept(ChildRelay::close);
            }
            redis.close();
            throw e;
        }
    }

    /**
     * A node gives up at once when Redis does not answer within its 1 s command timeout as it starts: a cold JVM on a
     * busy machine (three of them starting at once, other builds running) can take longer to open its first connection,
     * and the node is then started again, as an orchestrator would.
     */
    private static ChildRelay startNode(Path dir, URI hiveNode, Duration timeout, List<String> options) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ChildRelay.start(ChildRelay.JAR, JVM, dir, hiveNode, timeout, options);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("cannot reach Redis")) {
                    throw e;
                }
            }
        }
    }

    /** One key for every node, written before any starts (the first to create it would race the others). */
    private static Path writeKeyFile(Path file) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, PrivateKey.generate().toWif() + "\n", StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster's address: the balancer's. */
    URI uri() {
        return balancer.uri();
    }

    ChildRelay node(int index) {
        return nodes.get(index);
    }

    /** How many connections the balancer sent to each node so far, in node order. */
    List<Integer> accepted() {
        return nodes.stream().map(node -> balancer.accepted(node.uri())).toList();
    }

    /** SIGKILLs node {@code index}; the balancer skips it from now on, as it refuses connections. */
    void kill(int index) {
        nodes.get(index).kill();
    }

    /** Stops every node at once (SIGTERM: each says goodbye to its peers, up to 2 s), then Redis. */
    @Override
    public void close() {
        balancer.close();
        nodes.stream().map(node -> CompletableFuture.runAsync(node::close)).toList()
                .forEach(CompletableFuture::join);
        redis.close();
    }
}
