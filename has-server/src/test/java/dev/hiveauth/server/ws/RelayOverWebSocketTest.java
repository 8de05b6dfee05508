package dev.hiveauth.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.testing.MutableClock;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every relay rule and error path of SPEC §1–§9 over real WebSockets on loopback: a server with a
 * hand-moved clock and fixed account keys, apps and PKSAs as Tyrus clients speaking raw JSON.
 */
class RelayOverWebSocketTest {
    private final MutableClock clock = new MutableClock(System.currentTimeMillis());
    private final PrivateKey alice = PrivateKey.fromSeed("alice posting");
    private final PrivateKey aliceMemo = PrivateKey.fromSeed("alice memo");
    private final PrivateKey bob = PrivateKey.fromSeed("bob posting");
    private final HasServer server = HasServer.builder().host("127.0.0.1").port(0).clock(clock)
            .accountKeys(AccountKeys.of(Map.of("alice", Set.of(alice.publicKey(), aliceMemo.publicKey()),
                    "bob", Set.of(bob.publicKey()))))
            .build().start();
    private final List<WsTestClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (WsTestClient client : clients) {
            client.close();
        }
        server.stop();
    }

    private WsTestClient connect() throws Exception {
        WsTestClient client = WsTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"));
        clients.add(client);
        client.next("connected");
        return client;
    }

    private WsTestClient pksaFor(String account, PrivateKey key) throws Exception {
        WsTestClient pksa = connect();
        register(pksa, account, key);
        pksa.next("register_ack");
        return pksa;
    }

    private void register(WsTestClient pksa, String account, PrivateKey key) throws Exception {
        pksa.send("{\"cmd\":\"key_req\"}");
        pksa.next("key_ack");
        pksa.send("{\"cmd\":\"register_req\",\"app\":\"t\",\"accounts\":[{\"name\":\"" + account + "\",\"pok\":\""
                + ProofOfKey.forRegistration(key, server.serverKey(), clock) + "\"}]}");
    }

    private String request(WsTestClient app, String cmd, String account) throws Exception {
        app.send("{\"cmd\":\"" + cmd + "\",\"account\":\"" + account + "\",\"data\":\"U2Fsd\"}");
        return app.next(cmd.replace("_req", "_wait")).get("uuid").asText();
    }

    private String reply(String cmd, String uuid, PrivateKey key) {
        String body = cmd.endsWith("_err") ? "\"error\":\"e\"" : "\"data\":\"d\"";
        return "{\"cmd\":\"" + cmd + "\",\"uuid\":\"" + uuid + "\"," + body + ",\"pok\":\""
                + ProofOfKey.forReply(key, server.serverKey(), uuid) + "\"}";
    }

    private static String errorOf(WsTestClient peer) throws Exception {
        return peer.next("error").get("error").asText();
    }

    @Test
    void malformedJsonUnknownCmdsWrongTypesAndInvalidAccountsGetErrorsAndTheSocketStaysUsable() throws Exception {
        WsTestClient peer = connect();
        peer.send("{\"cmd\":");
        assertThat(errorOf(peer)).isEqualTo("message is not valid JSON");
        peer.send("{\"cmd\":\"teleport\"}");
        assertThat(errorOf(peer)).isEqualTo("unknown cmd \"teleport\"");
        peer.send("{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":7}");
        assertThat(errorOf(peer)).isEqualTo("sign_req: \"data\" must be a string");
        peer.send("{\"cmd\":\"auth_req\",\"account\":\"-alice\",\"data\":\"x\"}");
        assertThat(errorOf(peer)).startsWith("auth_req: invalid account name \"-alice\"");
        peer.send("{\"cmd\":\"attach_req\",\"uuid\":[]}");
        assertThat(errorOf(peer)).isEqualTo("attach_req: \"uuid\" must be a string");
        request(peer, "auth_req", "alice");
    }

    @Test
    void requestsSentBeforeAnyPksaRegisteredAreForwardedAfterItsRegisterAckInOrder() throws Exception {
        WsTestClient app = connect();
        String auth = request(app, "auth_req", "alice");
        String sign = request(app, "sign_req", "alice");
        String challenge = request(app, "challenge_req", "alice");
        WsTestClient pksa = connect();
        register(pksa, "alice", alice);
        pksa.next("register_ack");
        assertThat(pksa.next("auth_req").get("uuid").asText()).isEqualTo(auth);
        assertThat(pksa.next("sign_req").get("uuid").asText()).isEqualTo(sign);
        assertThat(pksa.next("challenge_req").get("uuid").asText()).isEqualTo(challenge);
    }

    @Test
    void twoPksasForOneAccountBothReceiveTheRequestAndTheFirstReplyWins() throws Exception {
        WsTestClient phone = pksaFor("alice", alice);
        WsTestClient service = pksaFor("alice", aliceMemo);
        WsTestClient app = connect();
        String uuid = request(app, "sign_req", "alice");
        phone.next("sign_req");
        service.next("sign_req");
        service.send(reply("sign_nack", uuid, aliceMemo));
        assertThat(app.next("sign_nack").has("pok")).isFalse();
        phone.send(reply("sign_ack", uuid, alice));
        assertThat(errorOf(phone)).isEqualTo("sign_ack: request already answered");
        service.send(reply("sign_nack", uuid, aliceMemo));
        assertThat(errorOf(service)).isEqualTo("sign_nack: request already answered");
    }

    @Test
    void repliesAreRefusedForUnknownUuidsWrongFamiliesUnregisteredSocketsAndBadPoks() throws Exception {
        WsTestClient pksa = pksaFor("alice", alice);
        WsTestClient stranger = pksaFor("bob", bob);
        WsTestClient app = connect();
        String uuid = request(app, "challenge_req", "alice");
        pksa.next("challenge_req");

        pksa.send(reply("challenge_ack", "not-a-request", alice));
        assertThat(errorOf(pksa)).isEqualTo("challenge_ack: unknown or expired request");
        pksa.send(reply("auth_ack", uuid, alice));
        assertThat(errorOf(pksa)).isEqualTo("auth_ack: request " + uuid + " is a challenge_req, not a auth_req");
        stranger.send(reply("challenge_ack", uuid, alice));
        assertThat(errorOf(stranger)).isEqualTo("challenge_ack: this connection has not registered alice");
        pksa.send(reply("challenge_ack", uuid, bob));
        assertThat(errorOf(pksa)).isEqualTo("challenge_ack: pok was made with a key that is not one of the account's keys");
        pksa.send("{\"cmd\":\"challenge_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\""
                + ProofOfKey.forReply(alice, server.serverKey(), "another") + "\"}");
        assertThat(errorOf(pksa)).isEqualTo("challenge_ack: pok does not match the request uuid");

        pksa.send(reply("challenge_err", uuid, alice));
        assertThat(app.next("challenge_err").toString())
                .isEqualTo("{\"cmd\":\"challenge_err\",\"uuid\":\"" + uuid + "\",\"error\":\"e\"}");
    }

    @Test
    void aStaleOrMissingRegistrationProofIsRefused() throws Exception {
        WsTestClient pksa = connect();
        String stale = ProofOfKey.create(alice, server.serverKey(), Long.toString(clock.millis() - 11_000));
        pksa.send("{\"cmd\":\"register_req\",\"app\":\"t\",\"accounts\":[{\"name\":\"alice\",\"pok\":\"" + stale + "\"}]}");
        assertThat(errorOf(pksa)).isEqualTo(
                "registration failed: alice (pok timestamp is 11 s away from server time (behind))");
        pksa.send("{\"cmd\":\"register_req\",\"app\":\"t\",\"accounts\":[{\"name\":\"alice\"}]}");
        assertThat(errorOf(pksa)).contains("register_req").contains("pok");
    }

    @Test
    void attachBeforeExpiryDeliversTheStoredReplyAndAfterExpiryIsNacked() throws Exception {
        WsTestClient pksa = pksaFor("alice", alice);
        WsTestClient app = connect();
        String answered = request(app, "auth_req", "alice");
        String unanswered = request(app, "sign_req", "alice");
        pksa.next("auth_req");
        pksa.next("sign_req");
        app.close();
        pksa.send(reply("auth_ack", answered, alice));

        WsTestClient back = connect();
        back.send("{\"cmd\":\"attach_req\",\"uuid\":\"" + answered + "\"}");
        assertThat(back.next("attach_ack").get("uuid").asText()).isEqualTo(answered);
        assertThat(back.next("auth_ack").get("uuid").asText()).isEqualTo(answered);
        back.send("{\"cmd\":\"attach_req\",\"uuid\":\"" + unanswered + "\"}");
        back.next("attach_ack");

        clock.advance(Duration.ofSeconds(61));
        server.sweepExpired();
        back.send("{\"cmd\":\"attach_req\",\"uuid\":\"" + unanswered + "\"}");
        assertThat(back.next("attach_nack").get("uuid").asText()).isEqualTo(unanswered);
        pksa.send(reply("sign_ack", unanswered, alice));
        assertThat(errorOf(pksa)).isEqualTo("sign_ack: unknown or expired request");
    }

    @Test
    void theServerCountsWhatItHoldsAndDropsWhatExpiredWhenAskedToSweep() throws Exception {
        WsTestClient pksa = pksaFor("alice", alice);
        WsTestClient app = connect();
        request(app, "auth_req", "alice");
        assertThat(server.connectionCount()).isEqualTo(2);
        assertThat(server.registrationCount()).isEqualTo(1);
        assertThat(server.walletsRegisteredFor("alice")).isEqualTo(1);
        assertThat(server.walletsRegisteredFor("bob")).isZero();
        assertThat(server.pendingRequestCount()).isEqualTo(1);
        assertThat(server.meterRegistry().get("has.pending.requests").gauge().value()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(60));
        server.sweepExpired();
        assertThat(server.pendingRequestCount()).isZero();

        pksa.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.walletsRegisteredFor("alice") == 0);
        assertThat(server.registrationCount()).isZero();
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void aPksaWhoseSocketClosesStopsReceivingAndItsAccountQueuesAgain() throws Exception {
        WsTestClient pksa = pksaFor("alice", alice);
        pksa.close();
        WsTestClient app = connect();
        // the close may reach the server just after the request: either way the request must wait for a PKSA
        String uuid = request(app, "auth_req", "alice");
        WsTestClient next = connect();
        register(next, "alice", alice);
        next.next("register_ack");
        assertThat(next.next("auth_req").get("uuid").asText()).isEqualTo(uuid);
    }

    @Test
    void answersGoOutInTheOrderRequestsArrivedErrorsIncludedAndUuidsAreVersionFour() throws Exception {
        WsTestClient app = connect();
        app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"a\"}");
        app.send("{\"cmd\":\"sign_req\",\"account\":\"NOT VALID\",\"data\":\"b\"}");
        app.send("{\"cmd\":\"challenge_req\",\"account\":\"bob\",\"data\":\"c\"}");
        String first = app.next("auth_wait").get("uuid").asText();
        assertThat(errorOf(app)).startsWith("sign_req: invalid account name");
        String third = app.next("challenge_wait").get("uuid").asText();
        // the server's own uuid source, not one a test injected
        for (String uuid : List.of(first, third)) {
            assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void attachingFromANewSocketWhileTheOldOneIsStillOpenSendsTheReplyToTheNewOneOnly() throws Exception {
        WsTestClient pksa = pksaFor("alice", alice);
        WsTestClient old = connect();
        String uuid = request(old, "sign_req", "alice");
        pksa.next("sign_req");
        WsTestClient fresh = connect();
        fresh.send("{\"cmd\":\"attach_req\",\"uuid\":\"" + uuid + "\"}");
        fresh.next("attach_ack");
        pksa.send("{\"cmd\":\"sign_ack\",\"uuid\":\"" + uuid + "\",\"broadcast\":false,\"data\":{\"signatures\":[]},"
                + "\"pok\":\"" + ProofOfKey.forReply(alice, server.serverKey(), uuid) + "\"}");
        assertThat(fresh.next("sign_ack").toString()).isEqualTo("{\"cmd\":\"sign_ack\",\"uuid\":\"" + uuid
                + "\",\"broadcast\":false,\"data\":{\"signatures\":[]}}");
        // a frame the old socket must answer proves nothing else was queued for it before
        old.send("{\"cmd\":\"attach_req\",\"uuid\":\"marker\"}");
        assertThat(old.next().get("cmd").asText()).isEqualTo("attach_nack");
    }

    @Test
    void everyForwardedRequestCarriesAccountDataUuidExpireAndThePassThroughFields() throws Exception {
        WsTestClient pksa = pksaFor("alice", alice);
        WsTestClient app = connect();
        app.send("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"D\",\"auth_key\":\"K\",\"token\":\"T\"}");
        JsonNode wait = app.next("auth_wait");
        JsonNode forwarded = pksa.next("auth_req");
        assertThat(forwarded.toString()).isEqualTo("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"D\","
                + "\"uuid\":\"" + wait.get("uuid").asText() + "\",\"expire\":" + (clock.millis() + 60_000)
                + ",\"token\":\"T\",\"auth_key\":\"K\"}");
        assertThat(wait.get("account").asText()).isEqualTo("alice");
    }
}
