package dev.hiveauth.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.testing.RawWebSocket;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.AddressLimits;
import dev.hiveauth.server.relay.Limits;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many messages in one TCP read, against the real server on loopback: what one read makes the relay send is written
 * together when the read is done (one write per peer), and none of it is reordered or lost on the way — an app's
 * waits come in the order of its requests, and before any answer to them; the errors of a peer closed for its rate
 * reach it before the close frame, which reaches it too.
 */
class BurstsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final PrivateKey alice = PrivateKey.fromSeed("alice posting");
    private HasServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Limits limits) {
        start(limits, Clock.systemUTC());
    }

    private void start(Limits limits, Clock clock) {
        AddressLimits wholeServer = new AddressLimits(limits.maxConnections(), limits.maxPendingTotal(),
                limits.maxRegistrationsTotal());
        server = HasServer.builder().host("127.0.0.1").port(0).limits(limits).addressLimits(wholeServer).clock(clock)
                .accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey())))).build().start();
    }

    private static JsonNode read(RawWebSocket socket) throws Exception {
        String text = socket.readText();
        assertThat(text).as("a message, not the end of the connection").isNotNull();
        return JSON.readTree(text);
    }

    @Test
    void aBurstOfRequestsAndABurstOfAnswers_keepTheirOrder_andEveryWaitComesBeforeItsAnswer() throws Exception {
        start(Limits.DEFAULT);
        int requests = 200;
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
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                JsonNode request = read(wallet);
                assertThat(request.get("data").asText()).as("forwarded in the order sent").isEqualTo("request " + i);
                forwarded.add(request.get("uuid").asText());
                answers.add("{\"cmd\":\"auth_ack\",\"uuid\":\"" + request.get("uuid").asText() + "\",\"data\":\"ok\"}");
            }
            Collections.reverse(answers); // answered in another order than asked: the relay must not care
            wallet.sendTexts(answers);

            List<String> waited = new ArrayList<>();
            List<String> acked = new ArrayList<>();
            while (acked.size() < requests) {
                JsonNode message = read(app);
                String uuid = message.get("uuid").asText();
                switch (message.get("cmd").asText()) {
                    case "auth_wait" -> waited.add(uuid);
                    case "auth_ack" -> {
                        assertThat(waited).as("its wait came first").contains(uuid);
                        acked.add(uuid);
                    }
                    default -> throw new AssertionError("unexpected " + message);
                }
            }
            assertThat(waited).as("one wait per request, in the order of the requests").isEqualTo(forwarded);
            assertThat(acked).as("each answered once").doesNotHaveDuplicates().hasSize(requests);
        }
    }

    @Test
    void aWalletRegisteringWhileMegabytesWaitForIt_getsThemAll_atThePaceItReads() throws Exception {
        start(Limits.DEFAULT);
        int requests = 120;
        // 12 MB waiting in all: more than the kernel's buffers on loopback and twelve times one socket's queue bound
        String data = "x".repeat(100_000);
        try (RawWebSocket app = RawWebSocket.upgraded(server.uri(), 1024 * 1024)) {
            assertThat(read(app).get("cmd").asText()).isEqualTo("connected");
            for (int i = 0; i < requests; i++) {
                app.sendText("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"" + data + "\"}");
                assertThat(read(app).get("cmd").asText()).isEqualTo("auth_wait");
            }
            // A small receive buffer: the relay's writes back up at once, as they do toward a distant wallet.
            try (RawWebSocket wallet = RawWebSocket.upgraded(server.uri(), 16 * 1024)) {
                assertThat(read(wallet).get("cmd").asText()).isEqualTo("connected");
                wallet.sendText("{\"cmd\":\"register_req\",\"app\":\"raw\",\"accounts\":[{\"name\":\"alice\","
                        + "\"pok\":\"" + ProofOfKey.forRegistration(alice, server.serverKey(), Clock.systemUTC()) + "\"}]}");
                assertThat(read(wallet).get("cmd").asText()).isEqualTo("register_ack");
                for (int i = 0; i < requests; i++) {
                    assertThat(read(wallet).get("data").asText()).as("request %d", i).hasSize(data.length());
                }
            }
        }
        Counter slowReaders = server.meterRegistry().find("has.closed").tag("reason", "slow_reader").counter();
        assertThat(slowReaders == null ? 0 : slowReaders.count()).as("no reading peer is cut off as a slow reader")
                .isZero();
    }

    @Test
    void aBurstOverTheMessageRate_getsItsErrors_thenTheCloseFrame() throws Exception {
        // A clock that stands still: the buckets never refill, so the counts below are exact.
        start(Limits.DEFAULT.withRate(1, 5).withAbuseBudget(10), Clock.fixed(Instant.now(), ZoneOffset.UTC));
        try (RawWebSocket flooder = RawWebSocket.upgraded(server.uri(), 1024 * 1024)) {
            assertThat(read(flooder).get("cmd").asText()).isEqualTo("connected");
            flooder.sendTexts(Collections.nCopies(100, "{\"cmd\":\"key_req\"}"));

            for (int i = 0; i < 5; i++) {
                assertThat(read(flooder).get("cmd").asText()).as("the burst's allowance").isEqualTo("key_ack");
            }
            for (int i = 0; i < 10; i++) {
                assertThat(read(flooder).get("error").asText()).as("refused until the abuse budget ran out")
                        .startsWith("rate limit exceeded");
            }
            assertThat(flooder.readUntilClosed()).as("then the close frame, not a cut").isEqualTo(1008);
        }
        await().atMost(WAIT).until(() -> server.connectionCount() == 0);
    }
}
