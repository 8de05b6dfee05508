package dev.hiveauth.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.testing.RawWebSocket;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.AddressLimits;
import dev.hiveauth.server.relay.Limits;
import dev.hiveauth.server.transport.TransportLimits;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Peers that do not play by the rules of the network, against the real server on loopback: a wallet that stops
 * reading while requests pour in, pings without end, handshakes that never end. Each is closed; nothing the server
 * holds grows past its bounds; what was waiting for a wallet is still there for the next one.
 */
class PeerGuardsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final PrivateKey alice = PrivateKey.fromSeed("alice posting");
    private HasServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HasServer start(TransportLimits limits) {
        return start(Limits.DEFAULT, limits);
    }

    private HasServer start(Limits limits, TransportLimits transportLimits) {
        // every test peer is 127.0.0.1: its address may hold what the whole server may
        AddressLimits wholeServer = new AddressLimits(limits.maxConnections(), limits.maxPendingTotal(),
                limits.maxRegistrationsTotal());
        server = HasServer.builder().host("127.0.0.1").port(0).limits(limits).transportLimits(transportLimits)
                .addressLimits(wholeServer)
                .accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey())))).build().start();
        return server;
    }

    private double closed(String reason) {
        Counter counter = server.meterRegistry().find("has.closed").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private String registration() {
        return "{\"cmd\":\"register_req\",\"app\":\"raw\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                + ProofOfKey.forRegistration(alice, server.serverKey(), Clock.systemUTC()) + "\"}]}";
    }

    @Test
    void aWalletThatStopsReading_isCutOff_andWhatWasForwardedToItWaitsForTheNextWallet() throws Exception {
        start(TransportLimits.DEFAULT.withQueued(256 * 1024, 64L * 1024 * 1024));
        RawWebSocket stalled = RawWebSocket.upgraded(server.uri(), 4 * 1024);
        stalled.sendText(registration());
        await().atMost(WAIT).until(() -> server.walletsRegisteredFor("alice") == 1);
        String data = "x".repeat(200 * 1024);
        int sent = 0;
        try (WsTestClient app = WsTestClient.connect(server.uri())) {
            app.next("connected");
            while (closed("slow_reader") == 0 && sent < 70) {
                app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"" + data + "\"}");
                app.next("auth_wait");
                sent++;
            }

            // Forwarded requests wait for room in its queue as references to what the relay holds anyway; once nothing
            // has moved for a few seconds it is cut off (at once when a request finds them waiting, else by the sweep).
            await().atMost(WAIT).until(() -> closed("slow_reader") == 1);
            assertThat(stalled.readUntilClosed()).isEqualTo(RawWebSocket.CUT_OFF);
            await().atMost(WAIT).until(() -> server.walletsRegisteredFor("alice") == 0);
            assertThat(server.pendingRequestCount()).as("every request still waits").isEqualTo(sent);
            await().atMost(WAIT).until(() -> server.meterRegistry().get("has.buffered.bytes").tag("direction", "out")
                    .gauge().value() == 0);

            try (WsTestClient wallet = WsTestClient.connect(server.uri())) {
                wallet.next("connected");
                wallet.send(registration());
                wallet.next("register_ack");
                for (int i = 0; i < sent; i++) {
                    assertThat(wallet.next("auth_req").get("data").asText()).hasSize(data.length());
                }
            }
        }
        stalled.close();
    }

    @Test
    void aPingFloodIsClosedWith1008() throws Exception {
        start(TransportLimits.DEFAULT);
        try (RawWebSocket flooder = RawWebSocket.upgraded(server.uri(), 64 * 1024)) {
            for (int i = 0; i < 30; i++) {
                flooder.ping();
            }

            assertThat(flooder.readUntilClosed()).isEqualTo(1008);
        }
        assertThat(closed("ping_flood")).isEqualTo(1);
        try (WsTestClient patient = WsTestClient.connect(server.uri())) {
            patient.ping();
            assertThat(patient.awaitPong()).as("a peer that pings now and then gets its pongs").isTrue();
        }
    }

    @Test
    void anUnmaskedFrameIsAProtocolError_1002() throws Exception {
        start(TransportLimits.DEFAULT);
        try (RawWebSocket careless = RawWebSocket.upgraded(server.uri(), 64 * 1024)) {
            careless.sendUnmaskedText("{\"cmd\":\"key_req\"}");

            assertThat(careless.readUntilClosed()).isEqualTo(1002);
        }
        assertThat(closed("unmasked_frame")).isEqualTo(1);
    }

    @Test
    void handshakesThatNeverFinishAreCutOffAfterTheirDeadline() throws Exception {
        start(TransportLimits.DEFAULT.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        try (RawWebSocket silent = RawWebSocket.tcp(server.uri(), 64 * 1024);
             RawWebSocket slow = RawWebSocket.tcp(server.uri(), 64 * 1024)) {
            slow.sendRaw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr".getBytes(StandardCharsets.US_ASCII));

            assertThat(silent.readUntilClosed()).isEqualTo(RawWebSocket.CUT_OFF);
            assertThat(slow.readUntilClosed()).isEqualTo(RawWebSocket.CUT_OFF);
        }
        assertThat(closed("handshake_timeout")).isEqualTo(2);
        try (WsTestClient healthy = WsTestClient.connect(server.uri())) {
            assertThat(healthy.next("connected")).isNotNull();
        }
    }

    @Test
    void connectionsStillInTheirHandshakeHoldTheConnectionCap_untilTheirDeadline() throws Exception {
        start(Limits.DEFAULT.withMaxConnections(3), TransportLimits.DEFAULT.withTimeouts(Duration.ofSeconds(30),
                Duration.ofSeconds(1)));
        RawWebSocket[] halfOpen = new RawWebSocket[3];
        for (int i = 0; i < halfOpen.length; i++) {
            halfOpen[i] = RawWebSocket.tcp(server.uri(), 64 * 1024);
        }
        try (RawWebSocket oneTooMany = RawWebSocket.tcp(server.uri(), 64 * 1024)) {
            assertThat(oneTooMany.readUntilClosed()).isEqualTo(RawWebSocket.CUT_OFF);
        }
        assertThat(closed("connection_cap")).isEqualTo(1);

        for (RawWebSocket socket : halfOpen) {
            assertThat(socket.readUntilClosed()).as("closed at the handshake deadline").isEqualTo(RawWebSocket.CUT_OFF);
            socket.close();
        }
        try (WsTestClient healthy = WsTestClient.connect(server.uri())) {
            assertThat(healthy.next("connected")).isNotNull();
        }
    }
}
