package dev.hiveauth.it.cluster;

import dev.hiveauth.app.AuthPrompt;
import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.ConnectionListener;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.KeyStore;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.pksa.PksaListener;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.AccountKeys;
import dev.hiveauth.protocol.testing.FakeHiveChain;
import dev.hiveauth.protocol.testing.FakeHiveNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The people a cluster serves, on a fake Hive chain on the wall clock (relay nodes may run in other processes, each
 * on its own clock): alice's service wallet, deciding as the test's policy says, and web site backends logging her
 * in. Both are the project's own libraries and reconnect by themselves; each reaches the cluster at the address the
 * test gives (a balancer in front of the nodes). Closes what it made, the latest first.
 */
final class ClusterPeers implements AutoCloseable {
    /** What alice's service wallet and the backends share, so the wallet reads requests without a QR code. */
    private static final String SECRET = "cluster chaos secret";

    private final FakeHiveChain chain = new FakeHiveChain(Clock.systemUTC());
    private final FakeHiveNode node = FakeHiveNode.start(chain);
    private final AccountKeys alice = chain.createAccount("alice");
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** The Hive node the relay nodes look alice's keys up on. */
    URI hiveNode() {
        return node.uri();
    }

    /**
     * Alice's service wallet connecting to {@code relay}, deciding by {@code policy}; {@code listener} hears when it
     * registers and disconnects. Registration is left to the test to await (through the listener).
     */
    Pksa wallet(URI relay, ApprovalPolicy policy, PksaListener listener) {
        HiveClient hive = HiveClient.builder().node(node.uri()).timeout(Duration.ofSeconds(5)).build();
        Pksa wallet = track(Pksa.builder().name("alice-service")
                .keys(KeyStore.of(Map.of(alice.name(), Map.of(KeyType.POSTING, alice.posting()))))
                .hive(hive).serviceSecret(SECRET).policy(policy).listener(listener)
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(250)).build());
        // A refusal the wallet may overcome (a node busy or its Redis away) fails this future while the wallet tries
        // again by itself; the listener says when it is registered.
        wallet.connect(relay).exceptionally(refused -> null);
        return wallet;
    }

    /** A web site's backend reaching the relay at {@code relay}, reconnecting within a quarter of a second. */
    HasClient app(URI relay, ConnectionListener listener) {
        return track(HasClient.builder().server(relay.toString()).authKeySecret(SECRET).listener(listener)
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(250))
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** A backend that listens to nothing. */
    HasClient app(URI relay) {
        return app(relay, new ConnectionListener() { });
    }

    /** A login of alice; {@code onWait} hears of its uuid once the relay took it. */
    static CompletableFuture<AuthResult> login(HasClient app, Consumer<AuthPrompt> onWait) {
        return app.authenticate(AuthRequest.newBuilder("alice").app("chaos.example").onWait(onWait).build());
    }

    private <T extends AutoCloseable> T track(T closeable) {
        synchronized (opened) {
            opened.push(closeable);
        }
        return closeable;
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable next;
            synchronized (opened) {
                next = opened.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                // closing the others anyway
            }
        }
        node.close();
    }
}
