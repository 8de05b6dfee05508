package dev.hiveauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.protocol.chain.Authority;
import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.testing.MutableClock;
import dev.hiveauth.server.observe.MicrometerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.hiveauth.server.ws.WsTestClient;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChainAccountKeysTest {
    private final PrivateKey owner = PrivateKey.fromSeed("alice owner");
    private final PrivateKey active = PrivateKey.fromSeed("alice active");
    private final PrivateKey posting = PrivateKey.fromSeed("alice posting");
    private final PrivateKey memo = PrivateKey.fromSeed("alice memo");
    private final HiveAccount alice = new HiveAccount("alice", Authority.ofKey(owner.publicKey()),
            Authority.ofKey(active.publicKey()), Authority.ofKey(posting.publicKey()), memo.publicKey());
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final List<Set<String>> fetches = new ArrayList<>();

    /** Keys from {@code fetch}, called at once for every lookup (no spacing between calls). */
    private ChainAccountKeys keys(Function<List<String>, CompletableFuture<List<HiveAccount>>> fetch) {
        HiveLookupLimits noSpacing = new HiveLookupLimits(Duration.ZERO, 4, 100, 1_000, Duration.ofSeconds(10));
        return new ChainAccountKeys(new HiveLookups(fetch, noSpacing, System::nanoTime, (nanos, task) -> {
            throw new AssertionError("no call waits");
        }, new MicrometerMetrics(new SimpleMeterRegistry(), () -> 0, () -> 0)), clock);
    }

    private ChainAccountKeys keysFrom(List<HiveAccount> chain) {
        return keys(names -> {
            fetches.add(Set.copyOf(names));
            return CompletableFuture.completedFuture(chain.stream().filter(a -> names.contains(a.name())).toList());
        });
    }

    @Test
    void anAccountsKeysAreItsMemoKeyAndEveryKeyOfItsThreeAuthorities() {
        Map<String, Set<PublicKey>> found = keysFrom(List.of(alice)).lookup(Set.of("alice", "nobody")).join();
        assertThat(found).containsOnlyKeys("alice");
        assertThat(found.get("alice")).containsExactlyInAnyOrder(owner.publicKey(), active.publicKey(),
                posting.publicKey(), memo.publicKey());
    }

    @Test
    void everyKeyOfAMultiKeyAuthorityCountsWhateverItsWeightAndDelegatedAccountsDoNot() {
        PublicKey light = PrivateKey.fromSeed("weight 1 of 3").publicKey();
        PublicKey heavy = PrivateKey.fromSeed("weight 3 of 3").publicKey();
        Authority multi = Authority.of(3, Map.of("trusted", 3), Map.of(light, 1, heavy, 3));
        HiveAccount shared = new HiveAccount("shared", multi, multi, Authority.ofKey(posting.publicKey()), memo.publicKey());
        Map<String, Set<PublicKey>> found = keysFrom(List.of(shared)).lookup(Set.of("shared")).join();
        // a proof of key is proof of possession: weights and thresholds do not matter, account_auths are no keys
        assertThat(found.get("shared")).containsExactlyInAnyOrder(light, heavy, posting.publicKey(), memo.publicKey());
    }

    @Test
    void foundAccountsAreCachedSixtySecondsAndMissingOnesTen() {
        ChainAccountKeys keys = keysFrom(List.of(alice));
        keys.lookup(Set.of("alice", "nobody")).join();
        keys.lookup(Set.of("alice", "nobody")).join();
        assertThat(fetches).hasSize(1);

        clock.advance(Duration.ofSeconds(10));
        keys.lookup(Set.of("alice", "nobody")).join();
        assertThat(fetches).last().isEqualTo(Set.of("nobody"));

        clock.advance(Duration.ofSeconds(50));
        keys.lookup(Set.of("alice")).join();
        assertThat(fetches).hasSize(3).last().isEqualTo(Set.of("alice"));
    }

    @Test
    void aFailedLookupIsNotCached() {
        AtomicInteger calls = new AtomicInteger();
        ChainAccountKeys keys = keys(names -> calls.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("node down"))
                : CompletableFuture.completedFuture(List.of(alice)));
        assertThatThrownBy(() -> keys.lookup(Set.of("alice")).join()).isInstanceOf(CompletionException.class);
        assertThat(keys.lookup(Set.of("alice")).join()).containsKey("alice");
    }

    @Test
    void whenEveryNodeIsDownKeysFetchedWithinTheHourAreUsedAndOlderOnesAreNot() {
        AtomicInteger calls = new AtomicInteger();
        ChainAccountKeys keys = keys(names -> calls.incrementAndGet() == 1
                ? CompletableFuture.completedFuture(List.of(alice))
                : CompletableFuture.failedFuture(new IllegalStateException("every node is down")));
        keys.lookup(Set.of("alice")).join();

        clock.advance(Duration.ofMinutes(30));
        assertThat(keys.lookup(Set.of("alice")).join().get("alice")).contains(posting.publicKey());
        assertThatThrownBy(() -> keys.lookup(Set.of("alice", "bob")).join())
                .as("bob was never fetched: no stale keys for him").isInstanceOf(CompletionException.class);

        clock.advance(Duration.ofMinutes(31));
        assertThatThrownBy(() -> keys.lookup(Set.of("alice")).join()).isInstanceOf(CompletionException.class)
                .hasMessageContaining("every node is down");
    }

    @Test
    void theServerChecksProofsAgainstKeysFromAHiveNodeOverHttp() throws Exception {
        HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String account = "{\"name\":\"alice\",\"memo_key\":\"" + memo.publicKey() + "\","
                + authority("owner", owner) + "," + authority("active", active) + "," + authority("posting", posting) + "}";
        node.createContext("/", exchange -> {
            JsonNode request = new ObjectMapper().readTree(exchange.getRequestBody());
            String method = request.get("method").asText();
            // the request's own id: the relay's start asks the node for the head block before any account
            byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":"
                    + ("condenser_api.get_accounts".equals(method) ? "[" + account + "]" : "null") + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        node.start();
        HasServer server = HasServer.builder().host("127.0.0.1").port(0)
                .hiveNodes(List.of(URI.create("http://127.0.0.1:1/"),
                        URI.create("http://127.0.0.1:" + node.getAddress().getPort() + "/")))
                .hiveTimeout(Duration.ofSeconds(5))
                .build().start();
        try (WsTestClient pksa = WsTestClient.connect(server.uri())) {
            pksa.next("connected");
            String pok = ProofOfKey.forRegistration(memo, server.serverKey(), Clock.systemUTC());
            pksa.send("{\"cmd\":\"register_req\",\"app\":\"t\",\"accounts\":[{\"name\":\"alice\",\"pok\":\"" + pok
                    + "\"},{\"name\":\"bob\",\"pok\":\"" + pok + "\"}]}");
            assertThat(pksa.next("register_ack").get("account").asText()).isEqualTo("alice");
            assertThat(pksa.next("error").get("error").asText()).isEqualTo("registration failed: bob (no such account)");
        } finally {
            server.stop();
            node.stop(0);
        }
    }

    private static String authority(String role, PrivateKey key) {
        return "\"" + role + "\":{\"weight_threshold\":1,\"account_auths\":[],\"key_auths\":[[\"" + key.publicKey() + "\",1]]}";
    }
}
