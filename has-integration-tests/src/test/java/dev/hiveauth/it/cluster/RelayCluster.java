package dev.hiveauth.it.cluster;

import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.testing.LocalRedis;
import dev.hiveauth.protocol.testing.LocalRedisSentinels;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.cluster.RedisStoreSettings;
import dev.hiveauth.server.relay.AccountKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Relay nodes in this JVM sharing one real Redis, each on its own port, all with one server key (as operators give
 * each node the same key file). Alice's and bob's keys are known to every node without a Hive node, unless the nodes
 * are told to look keys up on one ({@link Nodes#lookingUpKeysOn}, for real wallets of a fake chain): what is tested
 * here is what crosses nodes. Nodes can be stopped and started again on their port, as in a rolling restart, and a
 * node can be added that reaches Redis at another address (through a proxy).
 */
final class RelayCluster implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration PROBE_INTERVAL = Duration.ofMillis(300);

    final PrivateKey serverKey = PrivateKey.generate();
    final PrivateKey alice = PrivateKey.fromSeed("cluster alice posting");
    final PrivateKey bob = PrivateKey.fromSeed("cluster bob posting");
    /** The Redis the nodes share; null when they reach it through Sentinels. */
    final LocalRedis redis;
    private final String redisUri;
    private final boolean ownRedis;
    private final Nodes settings;
    private final String prefix;
    private final List<HasServer> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<String> redisUris = new ArrayList<>();
    private final List<WirePeer> peers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * How every node of a cluster is made: how long requests wait, and where account keys come from.
     *
     * @param timeout  how long a request waits for a wallet ({@code --timeout})
     * @param hiveNode the Hive node to look account keys up on, or null for alice's and bob's fixed keys
     */
    record Nodes(Duration timeout, URI hiveNode) {
        static final Nodes DEFAULT = new Nodes(TIMEOUT, null);

        Nodes withTimeout(Duration newTimeout) {
            return new Nodes(newTimeout, hiveNode);
        }

        Nodes lookingUpKeysOn(URI node) {
            return new Nodes(timeout, node);
        }
    }

    private RelayCluster(LocalRedis redis, String redisUri, boolean ownRedis, Nodes settings, int nodeCount) {
        this.redis = redis;
        this.redisUri = redisUri;
        this.ownRedis = ownRedis;
        this.settings = settings;
        this.prefix = "c" + System.nanoTime() + ":";
        for (int i = 0; i < nodeCount; i++) {
            addNode(redisUri);
        }
    }

    /** {@code nodeCount} nodes on a Redis of their own. */
    static RelayCluster start(int nodeCount) {
        return start(nodeCount, Nodes.DEFAULT);
    }

    /** {@code nodeCount} nodes made so, on a Redis of their own. */
    static RelayCluster start(int nodeCount, Nodes settings) {
        LocalRedis redis = LocalRedis.start();
        return new RelayCluster(redis, redis.uri().toString(), true, settings, nodeCount);
    }

    /** {@code nodeCount} nodes reaching the primary of {@code sentinels} through them, as Lettuce does; not closed. */
    static RelayCluster onSentinels(LocalRedisSentinels sentinels, int nodeCount) {
        return new RelayCluster(null, sentinels.sentinelUri(), false, Nodes.DEFAULT, nodeCount);
    }

    /** One more node, reaching the cluster's Redis at {@code uri} (e.g. through a proxy); returns its index. */
    int addNode(String uri) {
        HasServer node = startNode(0, uri);
        nodes.add(node);
        ports.add(node.port());
        redisUris.add(uri);
        return nodes.size() - 1;
    }

    /** The address the nodes reach Redis at, unless added with another. */
    String redisUri() {
        return redisUri;
    }

    private HasServer startNode(int port, String uri) {
        HasServer.Builder node = HasServer.builder().host("127.0.0.1").port(port).httpPort(0)
                .timeout(settings.timeout())
                .serverKey(serverKey)
                .redis(RedisStoreSettings.of(uri).withPrefix(prefix).withProbeInterval(PROBE_INTERVAL));
        if (settings.hiveNode() == null) {
            node.accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey()), "bob", Set.of(bob.publicKey()))));
        } else {
            node.hiveNodes(List.of(settings.hiveNode())).hiveTimeout(Duration.ofSeconds(2));
        }
        return node.build().start();
    }

    /** The key prefix the nodes share. */
    String prefix() {
        return prefix;
    }

    HasServer node(int index) {
        return nodes.get(index);
    }

    URI uri(int index) {
        return URI.create("ws://127.0.0.1:" + ports.get(index) + "/");
    }

    List<URI> uris() {
        List<URI> all = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            all.add(uri(i));
        }
        return all;
    }

    /** Stops a node as SIGTERM would: every socket closed with 1001. */
    void stop(int index) {
        nodes.get(index).stop();
    }

    /** Starts a stopped node again on its port. */
    void restart(int index) {
        nodes.set(index, startNode(ports.get(index), redisUris.get(index)));
    }

    /** A counter of a node, 0 when it was never counted. */
    double metric(int index, String name, String... tags) {
        var counter = nodes.get(index).meterRegistry().find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A node's {@code /health} status code. */
    int health(int index) {
        try {
            URI uri = URI.create("http://127.0.0.1:" + nodes.get(index).managementPort().orElseThrow() + "/health");
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A raw peer on a node, its connected frame taken; closed with the cluster. */
    WirePeer connect(int index) {
        return connect(uri(index));
    }

    WirePeer connect(URI uri) {
        WirePeer peer = WirePeer.connect(uri);
        peers.add(peer);
        peer.await("connected");
        return peer;
    }

    /**
     * A wallet peer registered for alice on the node that approves, with alice's proof, every request it is given, again
     * if it is given one again.
     */
    WirePeer approvingWallet(int index) {
        WirePeer[] wallet = new WirePeer[1];
        wallet[0] = WirePeer.connect(uri(index), frame -> {
            if (frame.contains("\"auth_req\"")) {
                try {
                    wallet[0].send(authAck(WirePeer.JSON.readTree(frame).get("uuid").asText()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("the relay sent a frame that is not JSON: " + frame, e);
                }
            }
        });
        peers.add(wallet[0]);
        wallet[0].await("connected");
        registerAlice(wallet[0]);
        return wallet[0];
    }

    /** A wallet peer registered for alice on the node. */
    WirePeer aliceWallet(int index) {
        WirePeer wallet = connect(index);
        registerAlice(wallet);
        return wallet;
    }

    void registerAlice(WirePeer wallet) {
        wallet.send("{\"cmd\":\"register_req\",\"app\":\"cluster test\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + ProofOfKey.forRegistration(alice, serverKey.publicKey(), Clock.systemUTC()) + "\"}]}");
        wallet.await("register_ack");
    }

    /** An app's auth_req for alice; returns its uuid from the auth_wait. */
    static String authRequest(WirePeer app) {
        app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+cluster\"}");
        return app.await("auth_wait").get("uuid").asText();
    }

    /** A wallet's approval of request {@code uuid}, with alice's proof of key. */
    String authAck(String uuid) {
        return "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"U2FsdGVkX1+approved\",\"pok\":\""
                + ProofOfKey.forReply(alice, serverKey.publicKey(), uuid) + "\"}";
    }

    @Override
    public void close() {
        peers.forEach(WirePeer::close);
        nodes.forEach(HasServer::stop);
        if (ownRedis) {
            redis.close();
        }
    }
}
