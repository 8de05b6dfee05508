package dev.hiveauth.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.testing.RawWebSocket;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.InMemoryRequestStore;
import dev.hiveauth.server.relay.RequestStore;
import dev.hiveauth.server.relay.StoredRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A shared store answers on its own threads (Redis's client), so a request's {@code *_wait} may leave from another
 * thread than the one reading the app's socket, while that thread still holds, for the same socket, the waits of the
 * requests before it (one write per peer per read). The waits must still leave in the order of the requests. Here
 * every other request's store answer comes on another thread, at once: before the fix, that wait left straight away,
 * ahead of the held ones (the benchmark's generators saw it through two nodes on Redis).
 */
class AnswersFromOtherThreadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrivateKey alice = PrivateKey.fromSeed("alice posting");
    private final ExecutorService storeThread = Executors.newSingleThreadExecutor();
    private HasServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        storeThread.shutdownNow();
    }

    @Test
    void waitsAnsweredFromAnotherThread_stillLeaveInTheOrderOfTheRequests() throws Exception {
        server = HasServer.builder().host("127.0.0.1").port(0)
                .store(new EveryOtherAnswerElsewhere(new InMemoryRequestStore(1 << 24), storeThread))
                .accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey())))).build().start();
        int requests = 400;
        try (RawWebSocket wallet = RawWebSocket.upgraded(server.uri(), 1024 * 1024);
             RawWebSocket app = RawWebSocket.upgraded(server.uri(), 1024 * 1024)) {
            assertThat(read(wallet).get("cmd").asText()).isEqualTo("connected");
            assertThat(read(app).get("cmd").asText()).isEqualTo("connected");
            wallet.sendText("{\"cmd\":\"register_req\",\"app\":\"raw\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                    + ProofOfKey.forRegistration(alice, server.serverKey(), Clock.systemUTC()) + "\"}]}");
            assertThat(read(wallet).get("cmd").asText()).isEqualTo("register_ack");

            List<String> burst = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                burst.add("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"request " + i + "\"}");
            }
            app.sendTexts(burst);
            List<String> forwarded = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                forwarded.add(read(wallet).get("uuid").asText());
            }
            List<String> waited = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                JsonNode wait = read(app);
                assertThat(wait.get("cmd").asText()).isEqualTo("auth_wait");
                waited.add(wait.get("uuid").asText());
            }
            assertThat(waited).as("one wait per request, in the order of the requests").isEqualTo(forwarded);
        }
    }

    private static JsonNode read(RawWebSocket socket) throws Exception {
        String text = socket.readText();
        assertThat(text).as("a message, not the end of the connection").isNotNull();
        return JSON.readTree(text);
    }

    /** The store in memory, but every other creation is confirmed from another thread. */
    private record EveryOtherAnswerElsewhere(RequestStore inner, ExecutorService elsewhere, AtomicInteger creations)
            implements RequestStore {
        EveryOtherAnswerElsewhere(RequestStore inner, ExecutorService elsewhere) {
            this(inner, elsewhere, new AtomicInteger());
        }

        @Override
        public CompletionStage<Void> create(StoredRequest request, long now) {
            CompletionStage<Void> created = inner.create(request, now);
            return creations.incrementAndGet() % 2 == 0 ? created.thenApplyAsync(done -> done, elsewhere) : created;
        }

        @Override
        public void open(Deliveries deliveries) {
            inner.open(deliveries);
        }

        @Override
        public CompletionStage<RequestFacts> facts(String uuid) {
            return inner.facts(uuid);
        }

        @Override
        public CompletionStage<Claim> claim(String uuid, String account, Family family, String replyFrame, String token,
                                            long now, long keepUntil) {
            return inner.claim(uuid, account, family, replyFrame, token, now, keepUntil);
        }

        @Override
        public CompletionStage<Attachment> attach(String uuid, String appConnection, long now) {
            return inner.attach(uuid, appConnection, now);
        }

        @Override
        public CompletionStage<Void> watch(String account) {
            return inner.watch(account);
        }

        @Override
        public void unwatch(String account) {
            inner.unwatch(account);
        }

        @Override
        public CompletionStage<Waiting> waiting(String account, long now) {
            return inner.waiting(account, now);
        }

        @Override
        public void sweep(long now) {
            inner.sweep(now);
        }

        @Override
        public int requestCount() {
            return inner.requestCount();
        }
    }
}
