package dev.hiveauth.it.hostile;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.pksa.KeyStore;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.AccountKeys;
import dev.hiveauth.protocol.testing.FakeHiveChain;
import dev.hiveauth.protocol.testing.FakeHiveNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The people an attack must not hurt, and the chain they live on: a fake Hive node on the wall clock (the relay is
 * another process, on its own clock), alice's service wallet registered at the relay for the whole suite, and a web
 * site's backend logging her in. Also holds mallory, the attacker's own real account, whose wallet sockets register
 * with valid proofs before they misbehave.
 */
final class HealthyPeers implements AutoCloseable {
    private static final String SECRET = "hostile suite service secret";
    /** A login under attack may wait for a relay that is busy refusing the attacker; never longer than this. */
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(45);

    private final FakeHiveChain chain = new FakeHiveChain(Clock.systemUTC());
    private final FakeHiveNode node = FakeHiveNode.start(chain);
    private final AccountKeys alice = chain.createAccount("alice");
    private final AccountKeys mallory = chain.createAccount("mallory");
    private Pksa wallet;
    private HasClient backend;

    URI node() {
        return node.uri();
    }

    AccountKeys mallory() {
        return mallory;
    }

    /** Alice's wallet registers at {@code relay}; the backend will reach the relay there. */
    void connect(URI relay) {
        Map<KeyType, PrivateKey> keys = new EnumMap<>(KeyType.class);
        keys.put(KeyType.POSTING, alice.posting());
        keys.put(KeyType.ACTIVE, alice.active());
        HiveClient hive = HiveClient.builder().node(node.uri()).timeout(Duration.ofSeconds(5)).build();
        wallet = Pksa.builder().name("alice-service").keys(KeyStore.of(Map.of(alice.name(), keys))).hive(hive)
                .serviceSecret(SECRET).policy(new ServicePolicy(true))
                .reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
        wallet.connect(relay).orTimeout(30, TimeUnit.SECONDS).join();
        backend = HasClient.builder().server(relay.toString()).authKeySecret(SECRET)
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
    }

    /** Starts a login of alice; it completes once her wallet approved it and the approval reached the backend. */
    CompletableFuture<AuthResult> startLogin() {
        return backend.authenticate(AuthRequest.newBuilder(alice.name()).app("healthy.example").build())
                .orTimeout(LOGIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A whole login, waited for. */
    AuthResult login() {
        return startLogin().join();
    }

    @Override
    public void close() {
        if (backend != null) {
            backend.close();
        }
        if (wallet != null) {
            wallet.close();
        }
        node.close();
    }
}
