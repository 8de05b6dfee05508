package dev.hiveauth.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.Limits;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server over real WebSockets on loopback, with a Tyrus client. */
class HasServerWebSocketTest {
    private final PrivateKey alice = PrivateKey.fromSeed("alice posting");
    private HasServer server;

    @BeforeEach
    void start() {
        server = HasServer.builder()
                .host("127.0.0.1")
                .port(0)
                .accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey()))))
                .limits(Limits.DEFAULT.withMaxFrameBytes(4096))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void theEndpointAnswersAtTheRootWithAndWithoutTrailingSlash() throws Exception {
        for (String path : new String[] {"/", ""}) {
            try (WsTestClient peer = WsTestClient.connect(uri(path))) {
                JsonNode connected = peer.next("connected");
                assertThat(connected.get("protocol").asInt()).isEqualTo(1);
                assertThat(connected.get("timeout").asInt()).isEqualTo(60);
                assertThat(connected.get("version").asText()).startsWith("hiveauth-java ");
            }
        }
        assertThat(server.uri()).isEqualTo(uri("/"));
    }

    @Test
    void aWholeAuthenticationGoesThroughTheRelay() throws Exception {
        try (WsTestClient pksa = WsTestClient.connect(uri("/")); WsTestClient app = WsTestClient.connect(uri("/"))) {
            pksa.next("connected");
            app.next("connected");
            pksa.send("{\"cmd\":\"key_req\"}");
            String key = pksa.next("key_ack").get("key").asText();
            assertThat(key).isEqualTo(server.serverKey().toString());
            String pok = ProofOfKey.forRegistration(alice, server.serverKey(), Clock.systemUTC());
            pksa.send("{\"cmd\":\"register_req\",\"app\":\"t\",\"accounts\":[{\"name\":\"alice\",\"pok\":\"" + pok + "\"}]}");
            pksa.next("register_ack");

            app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2Fsd\"}");
            String uuid = app.next("auth_wait").get("uuid").asText();
            assertThat(pksa.next("auth_req").get("uuid").asText()).isEqualTo(uuid);
            pksa.send("{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"U2Fsd-ack\",\"pok\":\""
                    + ProofOfKey.forReply(alice, server.serverKey(), uuid) + "\"}");
            assertThat(app.next("auth_ack").toString())
                    .isEqualTo("{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"U2Fsd-ack\"}");
        }
    }

    @Test
    void malformedFramesGetAnErrorAndTheSocketStaysOpen() throws Exception {
        try (WsTestClient peer = WsTestClient.connect(uri("/"))) {
            peer.next("connected");
            peer.send("{not json");
            assertThat(peer.next("error").get("error").asText()).isEqualTo("message is not valid JSON");
            peer.sendBinary(new byte[] {1, 2});
            assertThat(peer.next("error").get("error").asText()).startsWith("binary frames are not part of the protocol");
            peer.send("ping");
            peer.send("{\"cmd\":\"key_req\"}");
            peer.next("key_ack");
            assertThat(peer.isOpen()).isTrue();
        }
    }

    @Test
    void webSocketPingsAreAnswered() throws Exception {
        try (WsTestClient peer = WsTestClient.connect(uri("/"))) {
            peer.next("connected");
            peer.ping();
            assertThat(peer.awaitPong()).isTrue();
        }
    }

    @Test
    void aFrameOverTheLimitClosesTheSocketWith1009() throws Exception {
        try (WsTestClient peer = WsTestClient.connect(uri("/"))) {
            peer.next("connected");
            peer.sendExpectingClose("{\"cmd\":\"key_req\",\"pad\":\"" + "x".repeat(4096) + "\"}");
            assertThat(peer.awaitClose().getCloseCode().getCode()).isEqualTo(1009);
        }
        try (WsTestClient peer = WsTestClient.connect(uri("/"))) {
            peer.next("connected");
            peer.send("{\"cmd\":\"key_req\",\"pad\":\"" + "x".repeat(4000) + "\"}");
            peer.next("key_ack");
            peer.sendExpectingClose("x".repeat(1_000_000));
            assertThat(peer.awaitClose().getCloseCode().getCode()).isEqualTo(1009);
        }
    }

    @Test
    void aFrameOfExactlyTheLimitIsServedAndOneByteMoreClosesWith1009() throws Exception {
        String head = "{\"cmd\":\"key_req\",\"pad\":\"";
        String tail = "\"}";
        String atLimit = head + "x".repeat(4096 - head.length() - tail.length()) + tail;
        assertThat(atLimit.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(4096);
        try (WsTestClient peer = WsTestClient.connect(uri("/"))) {
            peer.next("connected");
            peer.send(atLimit);
            peer.next("key_ack");
            peer.sendExpectingClose(head + "x".repeat(4097 - head.length() - tail.length()) + tail);
            assertThat(peer.awaitClose().getCloseCode().getCode()).isEqualTo(1009);
        }
    }

    @Test
    void stoppingClosesEverySocketWithGoingAway() throws Exception {
        WsTestClient peer = WsTestClient.connect(uri("/"));
        peer.next("connected");
        server.stop();
        assertThat(peer.awaitClose().getCloseCode().getCode()).isEqualTo(1001);
    }

    @Test
    void aServerInTryWithResourcesIsStoppedAtTheEndOfTheBlock() throws Exception {
        HasServer used;
        WsTestClient peer;
        try (HasServer embedded = HasServer.builder().host("127.0.0.1").port(0)
                .accountKeys(AccountKeys.of(Map.of())).build().start()) {
            used = embedded;
            peer = WsTestClient.connect(URI.create("ws://127.0.0.1:" + embedded.port() + "/"));
            peer.next("connected");
            assertThat(embedded.connectionCount()).isEqualTo(1);
        }
        assertThat(used.isRunning()).isFalse();
        assertThat(peer.awaitClose().getCloseCode().getCode()).isEqualTo(1001);
    }
}
