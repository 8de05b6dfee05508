package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.pksa.fixtures.PksaFixture;
import dev.hiveauth.pksa.fixtures.ScriptedApp;
import dev.hiveauth.pksa.fixtures.TcpProxy;
import dev.hiveauth.pksa.fixtures.TestAccount;
import dev.hiveauth.protocol.message.ChallengeAck;
import dev.hiveauth.protocol.message.ChallengeReq;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.ChallengeReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.SignReqData;
import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wallet keeps its relay connections: reconnects after a loss, replaces silent ones, registers again every time. */
class ReconnectTest {
    private static final Duration LONG = Duration.ofSeconds(15);

    private PksaFixture given;
    private TcpProxy proxy;
    private HasServer restarted;

    private void wallet(Consumer<Pksa.Builder> settings) throws Exception {
        given = PksaFixture.start(settings);
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (restarted != null) {
            restarted.stop();
        }
        if (given != null) {
            given.close();
        }
    }

    private URI throughProxy() throws Exception {
        proxy = new TcpProxy(given.server.port());
        return URI.create("ws://127.0.0.1:" + proxy.port() + "/");
    }

    /** A challenge from an application on {@code relay}, answered by the wallet. */
    private void answeredOn(URI relay, String authKey) throws Exception {
        try (ScriptedApp app = ScriptedApp.connect(relay)) {
            ChallengeReqData data = new ChallengeReqData(KeyType.POSTING, "still there?", false, given.clock.millis());
            Wait wait = app.send(new ChallengeReq("alice", data.encrypt(authKey), null));
            assertThat(app.replyTo(wait.uuid())).isInstanceOf(ChallengeAck.class);
        }
    }

    @Test
    void registersAgainWithARestartedRelayAndItsNewKey() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        given.connected("alice", "bob");
        String authKey = given.granted("alice", "app");
        int port = given.server.port();
        var oldKey = given.server.serverKey();

        given.server.stop();
        await().atMost(LONG).until(() -> !given.events.disconnections.isEmpty());
        restarted = HasServer.builder().host("127.0.0.1").port(port).clock(given.serverClock).strictPok(true)
                .accountKeys(AccountKeys.of(Map.of("alice", TestAccount.ALICE.publicKeys(),
                        "bob", TestAccount.BOB.publicKeys())))
                .build().start();

        await().atMost(LONG).until(() -> given.events.registrationsOf("alice") == 2);
        assertThat(restarted.serverKey()).isNotEqualTo(oldKey);
        answeredOn(restarted.uri(), authKey); // strict relay: the answer's proof is made for the new key
    }

    @Test
    void reconnectsWhenTheConnectionDrops() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
        given.connectedThrough(throughProxy(), "alice", "bob");
        String authKey = given.granted("alice", "app");

        proxy.dropAll();

        await().atMost(LONG).until(() -> given.events.registrationsOf("alice") == 2);
        assertThat(given.events.disconnections).hasSize(1);
        assertThat(proxy.connections()).isEqualTo(2);
        answeredOn(given.server.uri(), authKey);
    }

    @Test
    void replacesAConnectionWhosePongsStopped() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE))
                .keepAlive(Duration.ofMillis(100), Duration.ofMillis(600)));
        given.connectedThrough(throughProxy(), "alice", "bob");
        String authKey = given.granted("alice", "app");

        proxy.freezeAll(); // still open, but nothing gets through: no pong comes back

        await().atMost(LONG).until(() -> given.events.registrationsOf("alice") == 2);
        assertThat(given.events.disconnections).hasSize(1);
        answeredOn(given.server.uri(), authKey);
    }

    @Test
    void anAnswerDecidedWhileDisconnectedIsSentWhenTheRequestComesAgain() throws Exception {
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        wallet(b -> b.policy(request -> decision));
        given.connectedThrough(throughProxy(), "alice", "bob");
        String authKey = given.granted("alice", "app");
        SignReqData data = new SignReqData(KeyType.POSTING, new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "[[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"p\",\"weight\":100}]]"), true, 42L);
        Wait wait = given.app.send(new SignReq("alice", data.encrypt(authKey), null));
        await().atMost(LONG).until(() -> given.auths.auths("alice").get(0).nonce() != null); // being decided

        proxy.dropAll();
        await().atMost(LONG).until(() -> given.events.disconnections.size() == 1);
        decision.complete(Decision.APPROVE); // signed and broadcast while no relay is there to hear it
        await().atMost(LONG).until(() -> given.node.accepted().size() == 1);

        // after re-registering, the relay forwards the still-pending request again and gets the same answer
        SignAck ack = (SignAck) given.app.replyTo(wait.uuid());
        assertThat(ack.txid()).isEqualTo(given.node.accepted().get(0).id());
        assertThat(given.node.accepted()).hasSize(1);
    }
}
