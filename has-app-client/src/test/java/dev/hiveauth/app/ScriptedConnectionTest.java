package dev.hiveauth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.protocol.message.AttachAck;
import dev.hiveauth.protocol.message.AttachNack;
import dev.hiveauth.protocol.message.AttachReq;
import dev.hiveauth.protocol.message.ChallengeAck;
import dev.hiveauth.protocol.message.ChallengeReq;
import dev.hiveauth.protocol.message.ChallengeWait;
import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.SignWait;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.KeyType;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connecting, protocol versions, dropped connections and attach, against a scripted HAS. */
class ScriptedConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Auth ALICE = new Auth("alice", "5c2f1c1e-3b4e-4b8e-9f0e-1f2a3b4c5d6e", Long.MAX_VALUE);

    private ScriptedHas has;
    private HasClient app;

    @BeforeEach
    void start() {
        has = ScriptedHas.start();
        app = clientFor(has.url());
    }

    @AfterEach
    void stop() {
        app.close();
        has.close();
    }

    private static HasClient clientFor(String url) {
        return HasClient.builder().server(url)
                .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .expiryCheckInterval(Duration.ofMillis(20))
                .build();
    }

    private CompletableFuture<SignResult> sign() throws Exception {
        return app.sign(SignRequest.newBuilder(ALICE).keyType(KeyType.POSTING).operations(JSON.readTree("[]")).build());
    }

    private static <T> void assertFails(CompletableFuture<T> future, Class<? extends Throwable> type) {
        assertThat(future).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).havingCause()
                .isInstanceOf(type);
    }

    @Test
    void connectReadsTheServersGreetingAndTheConnectionIsShared() throws Exception {
        has.greeting("{\"cmd\":\"connected\",\"timeout\":30,\"version\":\"5.1\",\"protocol\":1,\"ping_rate\":30000}");

        assertThat(app.connect()).succeedsWithin(WAIT).isEqualTo(new Connected(30, "5.1", BigDecimal.ONE));
        ScriptedHas.Peer peer = has.nextPeer();
        sign();
        app.challenge(ChallengeRequest.newBuilder(ALICE).keyType(KeyType.POSTING).text("x").build());
        assertThat(app.connect()).succeedsWithin(WAIT);

        peer.next(SignReq.class);
        peer.next(ChallengeReq.class);
        assertThat(has.noNewPeer()).isTrue();
    }

    @Test
    void aServerOnANewerProtocolIsDeclined() throws Exception {
        has.greeting("{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"9\",\"protocol\":2}");

        assertThat(app.connect()).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ProtocolMismatchException.class).withMessageContaining("protocol 2")
                .satisfies(e -> assertThat(((ProtocolMismatchException) e).serverProtocol()).isEqualByComparingTo("2"));
        has.nextPeer().awaitClosed();
        CompletableFuture<SignResult> sign = sign();
        assertFails(sign, ProtocolMismatchException.class);
        assertThat(has.nextPeer().nothingReceived()).isTrue();
    }

    @Test
    void olderAndEqualProtocolsAreAccepted() throws Exception {
        for (String protocol : Set.of("0.8", "1.0", "1")) {
            has.greeting("{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"x\",\"protocol\":" + protocol + "}");
            try (HasClient client = clientFor(has.url())) {
                assertThat(client.connect()).succeedsWithin(WAIT);
                has.nextPeer();
            }
        }
    }

    @Test
    void aServerThatNeverGreetsFailsTheConnectionAndItsRequests() throws Exception {
        has.greeting(null);
        app.close();
        app = HasClient.builder().server(has.url()).connectTimeout(Duration.ofMillis(300)).build();
        CompletableFuture<SignResult> sign = sign();

        assertThat(sign).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ConnectionFailedException.class)
                        .withMessageContaining("did not answer as a HAS");
    }

    @Test
    void anUnreachableServerFailsTheConnection() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (HasClient nowhere = clientFor("ws://127.0.0.1:" + closedPort + "/")) {
            assertThat(nowhere.connect()).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(ConnectionFailedException.class);
            CompletableFuture<AuthResult> auth = nowhere.authenticate(AuthRequest.newBuilder("alice").app("x")
                    .onWait(prompt -> { }).build());
            assertFails(auth, ConnectionFailedException.class);
        }
    }

    @Test
    void afterADropEveryWaitingRequestIsReattachedAndItsStoredReplyDelivered() throws Exception {
        CompletableFuture<SignResult> answered = sign();
        CompletableFuture<ChallengeResult> pending = app.challenge(ChallengeRequest.newBuilder(ALICE)
                .keyType(KeyType.POSTING).text("x").build());
        CompletableFuture<SignResult> forgotten = sign();
        ScriptedHas.Peer first = has.nextPeer();
        first.next(SignReq.class);
        first.next(ChallengeReq.class);
        first.next(SignReq.class);
        first.send(new SignWait("u-answered", Long.MAX_VALUE));
        first.send(new ChallengeWait("u-pending", Long.MAX_VALUE));
        first.send(new SignWait("u-forgotten", Long.MAX_VALUE));
        awaitWaiting(first);

        first.close();

        ScriptedHas.Peer second = has.nextPeer();
        assertThat(Set.of(second.next(AttachReq.class).uuid(), second.next(AttachReq.class).uuid(),
                second.next(AttachReq.class).uuid()))
                        .containsExactlyInAnyOrder("u-answered", "u-pending", "u-forgotten");
        second.send(new AttachNack("u-pending"));
        // an attach_nack for a request the client did not ask to attach proves nothing
        second.send(new AttachNack("u-unrelated"));
        second.send(new AttachAck("u-answered"));
        second.send(SignAck.broadcast("u-answered", "txid-stored", null));
        second.send(new AttachNack("u-forgotten"));

        assertThat(answered).succeedsWithin(WAIT).satisfies(signed -> assertThat(signed.txid())
                .isEqualTo("txid-stored"));
        assertThat(pending).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestLostException.class).withMessageContaining("attach_nack");
        assertFails(forgotten, RequestLostException.class);
    }

    @Test
    void aReplyIsAcceptedBeforeTheAttachAckToo() throws Exception {
        CompletableFuture<ChallengeResult> challenge = app.challenge(ChallengeRequest.newBuilder(ALICE)
                .keyType(KeyType.POSTING).text("x").build());
        ScriptedHas.Peer first = has.nextPeer();
        first.next(ChallengeReq.class);
        first.send(new ChallengeWait("u-1", Long.MAX_VALUE));
        awaitWaiting(first);
        first.close();

        ScriptedHas.Peer second = has.nextPeer();
        assertThat(second.next(AttachReq.class).uuid()).isEqualTo("u-1");
        ChallengeAckData answer = new ChallengeAckData("STMkey", "sig");
        second.send(new ChallengeAck("u-1", answer.encrypt(ALICE.authKey()), null));
        second.send(new AttachAck("u-1"));

        assertThat(challenge).succeedsWithin(WAIT)
                .isEqualTo(new ChallengeResult("u-1", answer.pubkey(), answer.challenge()));
    }

    @Test
    void aRequestTheHasHadNotAcknowledgedWhenTheConnectionDroppedIsLost() throws Exception {
        CompletableFuture<Void> waited = new CompletableFuture<>();
        CompletableFuture<SignResult> acknowledged = app.sign(SignRequest.newBuilder(ALICE).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).onWait(wait -> waited.complete(null)).build());
        CompletableFuture<SignResult> unacknowledged = sign();
        ScriptedHas.Peer first = has.nextPeer();
        first.next(SignReq.class);
        first.next(SignReq.class);
        first.send(new SignWait("u-1", Long.MAX_VALUE));
        waited.get(10, java.util.concurrent.TimeUnit.SECONDS);

        first.close();

        assertThat(unacknowledged).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestLostException.class).withMessageContaining("before it acknowledged");
        ScriptedHas.Peer second = has.nextPeer();
        assertThat(second.next(AttachReq.class).uuid()).isEqualTo("u-1");
        second.send(new AttachAck("u-1"));
        second.send(SignAck.broadcast("u-1", "txid", null));
        assertThat(acknowledged).succeedsWithin(WAIT);
        assertThat(second.nothingReceived()).as("the lost request is not sent again").isTrue();
    }

    @Test
    void closingFailsWhatIsPendingAndRefusesNewRequests() throws Exception {
        CompletableFuture<SignResult> sign = sign();
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(SignReq.class);

        app.close();

        assertFails(sign, RequestLostException.class);
        peer.awaitClosed();
        assertThatThrownBy(this::sign).isInstanceOf(IllegalStateException.class);
        assertThat(app.connect()).failsWithin(WAIT);
        app.close();
    }

    /** Once a probe request sent after the waits is answered, the earlier waits were handled (frames keep their order). */
    private void awaitWaiting(ScriptedHas.Peer peer) throws Exception {
        CompletableFuture<SignResult> probe = sign();
        peer.next(SignReq.class);
        peer.send(new SignWait("probe", Long.MAX_VALUE));
        peer.send(SignAck.broadcast("probe", "probe", null));
        probe.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

}
