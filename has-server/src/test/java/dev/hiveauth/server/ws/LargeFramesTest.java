package dev.hiveauth.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.testing.RawWebSocket;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames just under the frame limit, back to back, on a server whose workers have already written large frames. A
 * Grizzly worker then reads up to the size of the largest buffer it wrote, so one read can carry a whole frame; the
 * server must pass it up in chunks Tyrus can hold, never close a valid frame with 1011 "Buffer overflow".
 */
class LargeFramesTest {
    private static final int FRAME_LIMIT = 256 * 1024;
    private final PrivateKey alice = PrivateKey.fromSeed("alice posting");
    private HasServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void framesJustUnderTheLimitBackToBackAlwaysPass_onAWarmServer() throws Exception {
        server = HasServer.builder().host("127.0.0.1").port(0)
                .accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey())))).build().start();
        // the forwarded frame gains a uuid and an expiry: the request leaves room for them
        String large = "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"" + "x".repeat(FRAME_LIMIT - 200) + "\"}";
        try (WsTestClient wallet = WsTestClient.connect(server.uri())) {
            wallet.next("connected");
            wallet.send("{\"cmd\":\"register_req\",\"app\":\"t\",\"accounts\":[{\"name\":\"alice\",\"pok\":\""
                    + ProofOfKey.forRegistration(alice, server.serverKey(), Clock.systemUTC()) + "\"}]}");
            wallet.next("register_ack");
            for (int round = 0; round < 20; round++) {
                try (RawWebSocket app = RawWebSocket.upgraded(server.uri(), 1024 * 1024)) {
                    for (int i = 0; i < 4; i++) {
                        app.sendText(large);
                    }
                    assertThat(app.readText()).contains("\"cmd\":\"connected\"");
                    for (int i = 0; i < 4; i++) {
                        assertThat(app.readText()).as("round %d, request %d", round, i).contains("\"cmd\":\"sign_wait\"");
                        assertThat(wallet.next("sign_req").get("data").asText()).hasSize(FRAME_LIMIT - 200);
                    }
                }
            }
        }
    }
}
