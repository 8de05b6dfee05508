package dev.hiveauth.server.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.testing.MutableClock;
import dev.hiveauth.server.observe.MicrometerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import dev.hiveauth.server.cluster.RedisRequestStore;
import dev.hiveauth.server.cluster.RedisStoreSettings;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A relay with a hand-moved clock, fixed account keys and predictable uuids, plus peers to drive it. */
final class RelayFixture {
    static final long START = 1_700_000_000_000L;

    final MutableClock clock = new MutableClock(START);
    final PrivateKey serverKey = PrivateKey.fromSeed("has server key");
    final PrivateKey alicePosting = PrivateKey.fromSeed("alice posting");
    final PrivateKey aliceMemo = PrivateKey.fromSeed("alice memo");
    final PrivateKey bobPosting = PrivateKey.fromSeed("bob posting");
    final Map<String, Set<PublicKey>> chain = new HashMap<>(Map.of(
            "alice", Set.of(alicePosting.publicKey(), aliceMemo.publicKey()),
            "bob", Set.of(bobPosting.publicKey())));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AtomicInteger uuidCounter = new AtomicInteger();
    /** What the chain answers; tests may replace it (an unreachable chain, a slow one). */
    volatile AccountKeys accountKeys = accounts -> AccountKeys.of(chain).lookup(accounts);
    final Relay relay;
    final SettlingStore store;
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final List<RelayFixture> OPEN = new CopyOnWriteArrayList<>();

    RelayFixture() {
        this(StoreKind.MEMORY);
    }

    RelayFixture(StoreKind kind) {
        this(kind, false, Limits.DEFAULT);
    }

    RelayFixture(boolean strictPok, Limits limits) {
        this(StoreKind.MEMORY, strictPok, limits);
    }

    RelayFixture(StoreKind kind, boolean strictPok, Limits limits) {
        // every fake connection comes from one address: no limit per address unless a test sets one
        this(kind, strictPok, limits, new AddressLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    RelayFixture(boolean strictPok, Limits limits, AddressLimits addressLimits) {
        this(StoreKind.MEMORY, strictPok, limits, addressLimits);
    }

    RelayFixture(StoreKind kind, boolean strictPok, Limits limits, AddressLimits addressLimits) {
        Relay[] made = new Relay[1];
        RequestStore[] inner = new RequestStore[1];
        MicrometerMetrics metrics = new MicrometerMetrics(registry, () -> made[0].registrationCount(),
                () -> inner[0].requestCount());
        inner[0] = kind == StoreKind.MEMORY ? new InMemoryRequestStore(limits.maxPendingBytes())
                : RedisRequestStore.connect(RedisStoreSettings.of(TestRedis.uri())
                        .withPrefix("t" + PREFIXES.incrementAndGet() + ":"), serverKey.publicKey(), clock, metrics);
        store = new SettlingStore(inner[0]);
        OPEN.add(this);
        relay = new Relay(serverKey, accounts -> accountKeys.lookup(accounts), store, clock,
                Duration.ofSeconds(60), strictPok, limits, addressLimits, metrics,
                () -> String.format("00000000-0000-4000-8000-%012d", uuidCounter.incrementAndGet()), "test");
        made[0] = relay;
    }

    /** A connection that opened and whose {@code connected} was already taken. */
    FakeConnection open() {
        return open("192.0.2.1");
    }

    /** As {@link #open()}, from this client address. */
    FakeConnection open(String address) {
        FakeConnection connection = new FakeConnection(address);
        relay.onOpen(connection);
        connection.takeOne();
        return connection;
    }

    /** Sends a frame and waits until everything it set going in the store is done. */
    void send(FakeConnection connection, String frame) {
        relay.onText(connection, frame);
        store.settle();
    }

    /** Closes the stores of every fixture made since the last call (a Redis store holds connections and threads). */
    static void closeAll() {
        for (RelayFixture fixture : OPEN) {
            fixture.store.close();
        }
        OPEN.clear();
    }

    String registrationPok(PrivateKey key) {
        return ProofOfKey.forRegistration(key, serverKey.publicKey(), clock);
    }

    String replyPok(PrivateKey key, String uuid) {
        return ProofOfKey.forReply(key, serverKey.publicKey(), uuid);
    }

    /** A PKSA that registered the account with a pok from the key; its register_ack is taken. */
    FakeConnection pksaFor(String account, PrivateKey key) {
        FakeConnection pksa = open();
        send(pksa, "{\"cmd\":\"register_req\",\"app\":\"test pksa\",\"accounts\":[{\"name\":\"" + account
                + "\",\"pok\":\"" + registrationPok(key) + "\"}]}");
        JsonNode ack = pksa.takeOne();
        if (!"register_ack".equals(ack.path("cmd").asText())) {
            throw new AssertionError("registration failed: " + ack);
        }
        return pksa;
    }

    /** The app sends an auth_req for the account and takes its auth_wait; returns the uuid. */
    String authRequest(FakeConnection app, String account) {
        send(app, "{\"cmd\":\"auth_req\",\"account\":\"" + account + "\",\"data\":\"U2FsdGVkX1+encrypted\"}");
        JsonNode wait = app.takeOne();
        if (!"auth_wait".equals(wait.path("cmd").asText())) {
            throw new AssertionError("no auth_wait: " + wait);
        }
        return wait.get("uuid").asText();
    }
}
