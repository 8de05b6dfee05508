package dev.hiveauth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.protocol.crypto.CryptoJsAes;
import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.AuthErr;
import dev.hiveauth.protocol.message.AuthNack;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.AuthWait;
import dev.hiveauth.protocol.message.ChallengeAck;
import dev.hiveauth.protocol.message.ChallengeReq;
import dev.hiveauth.protocol.message.ChallengeWait;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignErr;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.SignWait;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.ErrorText;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.NackData;
import dev.hiveauth.protocol.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the client matches what a HAS sends to its requests, and what it refuses to believe, against a HAS
 * scripted frame by frame: orders and forgeries a correct relay never produces.
 */
class ScriptedCorrelationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AuthReqData.App MYAPP = new AuthReqData.App("myapp");
    private static final String KEY = "5c2f1c1e-3b4e-4b8e-9f0e-1f2a3b4c5d6e";

    private final MutableClock clock = new MutableClock(1_800_000_000_000L);
    private ScriptedHas has;
    private HasClient app;

    @BeforeEach
    void start() {
        has = ScriptedHas.start();
        app = HasClient.builder().server(has.url()).clock(clock)
                .expiryCheckInterval(Duration.ofMillis(20)).build();
    }

    @AfterEach
    void stop() {
        app.close();
        has.close();
    }

    private long inAMinute() {
        return clock.millis() + 60_000;
    }

    private static Auth alice() {
        return new Auth("alice", KEY, Long.MAX_VALUE);
    }

    private static <T> void assertFails(CompletableFuture<T> future, Class<? extends Throwable> type) {
        assertThat(future).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).havingCause()
                .isInstanceOf(type);
    }

    @Test
    void waitsAreMatchedInOrderAndRepliesByUuidWhateverTheirOrder() throws Exception {
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
        CompletableFuture<AuthResult> auth = app.authenticate(AuthRequest.newBuilder("alice").app(MYAPP)
                .onWait(shown::complete).build());
        CompletableFuture<SignResult> sign = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        CompletableFuture<ChallengeResult> challenge = app.challenge(ChallengeRequest.newBuilder(alice())
                .keyType(KeyType.POSTING).text("hi").build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(AuthReq.class);
        peer.next(SignReq.class);
        peer.next(ChallengeReq.class);

        peer.send(new AuthWait("u-auth", inAMinute(), "alice"));
        peer.send(new SignWait("u-sign", inAMinute()));
        peer.send(new ChallengeWait("u-challenge", inAMinute()));
        ChallengeAckData answer = new ChallengeAckData("STMkey", "signature");
        peer.send(new ChallengeAck("u-challenge", answer.encrypt(KEY), null));
        peer.send(SignAck.broadcast("u-sign", "txid-1", null));
        String authKey = AuthPayload.parse(shown.get(10, java.util.concurrent.TimeUnit.SECONDS).uri()).key();
        peer.send(new AuthAck("u-auth", new AuthAckData(123L).encrypt(authKey), null));

        assertThat(challenge).succeedsWithin(WAIT)
                .isEqualTo(new ChallengeResult("u-challenge", answer.pubkey(), answer.challenge()));
        assertThat(sign).succeedsWithin(WAIT).satisfies(signed -> assertThat(signed.txid()).isEqualTo("txid-1"));
        assertThat(auth).succeedsWithin(WAIT).satisfies(granted -> assertThat(granted.auth().expire()).isEqualTo(123L));
        assertThat(shown.join().uuid()).isEqualTo("u-auth");
    }

    @Test
    void anErrorBeforeTheWaitFailsTheOldestRequestStillWaitingForOne() throws Exception {
        CompletableFuture<SignResult> first = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        CompletableFuture<SignResult> second = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(SignReq.class);
        peer.next(SignReq.class);

        peer.send(new ErrorMessage("sign_req: invalid account name"));
        peer.send(new SignWait("u-2", inAMinute()));
        peer.send(SignAck.broadcast("u-2", "txid-2", null));

        assertThat(first).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ServerErrorException.class).withMessageContaining("invalid account name");
        assertThat(second).succeedsWithin(WAIT).satisfies(signed -> assertThat(signed.txid()).isEqualTo("txid-2"));
    }

    @Test
    void anErrorNamingAKnownUuidEndsThatRequestAndAStrayErrorEndsNothing() throws Exception {
        CompletableFuture<Void> waited = new CompletableFuture<>();
        CompletableFuture<SignResult> sign = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).onWait(wait -> waited.complete(null)).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(SignReq.class);
        peer.send(new SignWait("u-1", inAMinute()));
        waited.get(10, java.util.concurrent.TimeUnit.SECONDS);

        // no request waits for its *_wait, and this error names none: it ends nothing
        peer.send(new ErrorMessage("something about nothing"));
        peer.send(new ErrorMessage("request u-1 cancelled", "u-1"));

        assertThat(sign).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ServerErrorException.class).withMessageContaining("u-1 cancelled")
                .satisfies(error -> assertThat(((ServerErrorException) error).uuid()).isEqualTo("u-1"));
    }

    @Test
    void aWaitOfAnotherKindOrAccountDoesNotAnswerTheOldestRequest() throws Exception {
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
        CompletableFuture<AuthResult> auth = app.authenticate(AuthRequest.newBuilder("alice").app(MYAPP)
                .onWait(shown::complete).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(AuthReq.class);

        peer.send(new SignWait("u-wrong-kind", inAMinute()));
        peer.send(new AuthWait("u-wrong-account", inAMinute(), "bob"));
        peer.send(new AuthWait("u-right", inAMinute(), "alice"));

        assertThat(shown).succeedsWithin(WAIT).satisfies(prompt -> assertThat(prompt.uuid()).isEqualTo("u-right"));
        String key = AuthPayload.parse(shown.join().uri()).key();
        peer.send(new AuthAck("u-wrong-account", new AuthAckData(1L).encrypt(key), null));
        peer.send(new AuthAck("u-right", new AuthAckData(2L).encrypt(key), null));
        assertThat(auth).succeedsWithin(WAIT).satisfies(granted -> assertThat(granted.auth().expire()).isEqualTo(2L));
    }

    @Test
    void anAckThatDoesNotDecryptAndParseIsIgnored() throws Exception {
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
        CompletableFuture<AuthResult> auth = app.authenticate(AuthRequest.newBuilder("alice").app(MYAPP)
                .onWait(shown::complete).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(AuthReq.class);
        peer.send(new AuthWait("u-1", inAMinute(), "alice"));
        String key = AuthPayload.parse(shown.get(10, java.util.concurrent.TimeUnit.SECONDS).uri()).key();

        peer.send(new AuthAck("u-1", new AuthAckData(1L).encrypt("a key the HAS made up"), null));
        peer.send(new AuthAck("u-1", "not even base64 %%%", null));
        peer.send(new AuthAck("u-1", CryptoJsAes.encrypt("plain text, not JSON", key), null));
        peer.send(new AuthAck("u-1", CryptoJsAes.encrypt("{\"challenge\":{}}", key), null));
        peer.send(new AuthAck("u-1", CryptoJsAes.encrypt("[1,2]", key), null));
        awaitProcessed(peer);
        assertThat(auth).isNotDone();

        peer.send(new AuthAck("u-1", new AuthAckData(77L).encrypt(key), null));
        assertThat(auth).succeedsWithin(WAIT).satisfies(granted -> assertThat(granted.auth().expire()).isEqualTo(77L));
    }

    @Test
    void aChallengeAckThatDoesNotDecryptIsIgnored() throws Exception {
        CompletableFuture<ChallengeResult> challenge = app.challenge(ChallengeRequest.newBuilder(alice())
                .keyType(KeyType.POSTING).text("hi").build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(ChallengeReq.class);
        peer.send(new ChallengeWait("u-1", inAMinute()));

        peer.send(new ChallengeAck("u-1", new ChallengeAckData("STMforged", "sig").encrypt("another key"), null));
        peer.send(new ChallengeAck("u-1", CryptoJsAes.encrypt("{\"pubkey\":\"STMx\"}", KEY), null));
        awaitProcessed(peer);
        assertThat(challenge).isNotDone();

        ChallengeAckData real = new ChallengeAckData("STMreal", "sig");
        peer.send(new ChallengeAck("u-1", real.encrypt(KEY), null));
        assertThat(challenge).succeedsWithin(WAIT)
                .isEqualTo(new ChallengeResult("u-1", real.pubkey(), real.challenge()));
    }

    @Test
    void aNackCountsOnlyIfItsDataDecryptsToTheUuid() throws Exception {
        CompletableFuture<SignResult> sign = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(SignReq.class);
        peer.send(new SignWait("u-1", inAMinute()));

        // Hive Keychain Mobile's data-less nack, and forgeries a HAS could make
        peer.send("{\"cmd\":\"sign_nack\",\"uuid\":\"u-1\"}");
        peer.send("{\"cmd\":\"sign_nack\",\"uuid\":\"u-1\",\"error\":\"user declined\"}");
        peer.send("{\"cmd\":\"sign_nack\",\"uuid\":\"u-1\",\"data\":\"" + NackData.encrypt("u-1", "another key") + "\"}");
        peer.send("{\"cmd\":\"sign_nack\",\"uuid\":\"u-1\",\"data\":\"" + NackData.encrypt("u-2", KEY) + "\"}");
        peer.send("{\"cmd\":\"sign_nack\",\"uuid\":\"u-1\",\"data\":\"u-1\"}");
        awaitProcessed(peer);
        assertThat(sign).isNotDone();

        peer.send("{\"cmd\":\"sign_nack\",\"uuid\":\"u-1\",\"data\":\"" + NackData.encrypt("u-1", KEY)
                + "\",\"error\":\"user declined\"}");
        assertThat(sign).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestRefusedException.class)
                .satisfies(refused -> assertThat(((RequestRefusedException) refused).reason())
                        .isEqualTo("user declined"));
    }

    @Test
    void errorsAreDecryptedWhenTheyDecryptAndReadAsPlainTextOtherwise() throws Exception {
        CompletableFuture<SignResult> encrypted = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        CompletableFuture<SignResult> plain = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(SignReq.class);
        peer.next(SignReq.class);
        peer.send(new SignWait("u-1", inAMinute()));
        peer.send(new SignWait("u-2", inAMinute()));

        peer.send(new SignErr("u-1", ErrorText.encrypt("broadcast failed: missing posting authority", KEY), null));
        peer.send(new SignErr("u-2", "request expired on the HAS", null));

        assertThat(encrypted).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).havingCause()
                .satisfies(e -> assertThat(((RequestFailedException) e).error())
                        .isEqualTo("broadcast failed: missing posting authority"));
        assertThat(plain).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).havingCause()
                .satisfies(e -> assertThat(((RequestFailedException) e).error())
                        .isEqualTo("request expired on the HAS"));
    }

    @Test
    void repliesToUnknownUuidsOrOfAnotherKindAreIgnored() throws Exception {
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
        CompletableFuture<AuthResult> auth = app.authenticate(AuthRequest.newBuilder("alice").app(MYAPP)
                .onWait(shown::complete).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(AuthReq.class);
        peer.send(new AuthWait("u-1", inAMinute(), "alice"));
        String key = AuthPayload.parse(shown.get(10, java.util.concurrent.TimeUnit.SECONDS).uri()).key();

        peer.send(new AuthAck("u-unknown", new AuthAckData(1L).encrypt(key), null));
        peer.send(SignAck.broadcast("u-1", "txid", null));
        peer.send(new SignErr("u-1", "wrong kind", null));
        peer.send(new AuthErr("u-unknown", "not yours", null));
        peer.send(new AuthNack("u-unknown", NackData.encrypt("u-unknown", key), null));
        awaitProcessed(peer);
        assertThat(auth).isNotDone();

        peer.send(new AuthAck("u-1", new AuthAckData(5L).encrypt(key), null));
        assertThat(auth).succeedsWithin(WAIT);
    }

    @Test
    void messagesNotMeantForAnAppAreIgnored() throws Exception {
        ScriptedHas.Peer peer = connectedPeer();
        for (String frame : List.of("ping", "{not json", "[]", "{\"cmd\":\"what\"}", ScriptedHas.CONNECTED_V1,
                "{\"cmd\":\"key_ack\",\"key\":\"STM1\"}", "{\"cmd\":\"register_ack\",\"account\":\"alice\"}",
                "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"x\",\"uuid\":\"u\",\"expire\":1}",
                "{\"cmd\":\"auth_wait\"}", "{\"cmd\":\"attach_ack\",\"uuid\":\"u\"}", "{\"cmd\":\"attach_nack\",\"uuid\":\"u\"}")) {
            peer.send(frame);
        }
        CompletableFuture<SignResult> sign = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        peer.next(SignReq.class);
        peer.send(new SignWait("u-1", inAMinute()));
        peer.send(SignAck.broadcast("u-1", "txid", null));
        assertThat(sign).succeedsWithin(WAIT);
    }

    @Test
    void aWaitWhenNoRequestAwaitsOneIsIgnored() throws Exception {
        CompletableFuture<Void> waited = new CompletableFuture<>();
        CompletableFuture<SignResult> first = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).onWait(wait -> waited.complete(null)).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(SignReq.class);
        peer.send(new SignWait("u-1", inAMinute()));
        waited.get(10, java.util.concurrent.TimeUnit.SECONDS);

        peer.send(new SignWait("nobody-asked", inAMinute()));
        peer.send(SignAck.broadcast("u-1", "txid-1", null));
        assertThat(first).succeedsWithin(WAIT);
        CompletableFuture<String> secondWait = new CompletableFuture<>();
        CompletableFuture<SignResult> second = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).onWait(wait -> secondWait.complete(wait.uuid())).build());
        peer.next(SignReq.class);
        peer.send(new SignWait("u-2", inAMinute()));

        assertThat(secondWait).succeedsWithin(WAIT).isEqualTo("u-2");
        peer.send(SignAck.broadcast("nobody-asked", "txid-x", null));
        peer.send(SignAck.broadcast("u-2", "txid-2", null));
        assertThat(second).succeedsWithin(WAIT).satisfies(signed -> assertThat(signed.txid()).isEqualTo("txid-2"));
    }

    @Test
    void aWaitThatHasAlreadyExpiredEndsItsRequestAtOnce() throws Exception {
        List<String> shown = new CopyOnWriteArrayList<>();
        CompletableFuture<SignResult> sign = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).onWait(wait -> shown.add(wait.uuid())).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(SignReq.class);

        peer.send(new SignWait("u-1", clock.millis() - 1));

        assertFails(sign, RequestExpiredException.class);
        assertThat(shown).as("nothing to show for an expired request").isEmpty();
    }

    @Test
    void aRequestTheHasNeverAcknowledgesExpiresAfterTheConnectedTimeout() throws Exception {
        has.greeting("{\"cmd\":\"connected\",\"timeout\":5,\"version\":\"scripted\",\"protocol\":1}");
        // A first request opens the connection; once it is answered, the greeting before it has been read, so the
        // request below gets the relay's 5 s (not the default, as it could when it was sent before the greeting was).
        CompletableFuture<SignResult> first = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(SignReq.class);
        peer.send(new SignWait("u-0", inAMinute()));
        peer.send(SignAck.broadcast("u-0", "first", null));
        assertThat(first).succeedsWithin(WAIT);
        CompletableFuture<SignResult> sign = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        peer.next(SignReq.class);

        clock.advance(Duration.ofMillis(4_999));
        assertThat(sign).isNotDone();
        clock.advance(Duration.ofMillis(1));

        assertThat(sign).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestExpiredException.class).withMessageContaining("did not acknowledge");
    }

    @Test
    void aReplyAfterExpiryIsDiscarded() throws Exception {
        CompletableFuture<SignResult> sign = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        ScriptedHas.Peer peer = has.nextPeer();
        peer.next(SignReq.class);
        peer.send(new SignWait("u-1", inAMinute()));
        awaitProcessed(peer);

        clock.advance(Duration.ofMinutes(1));
        assertFails(sign, RequestExpiredException.class);
        peer.send(SignAck.broadcast("u-1", "too late", null));
        awaitProcessed(peer);
        assertFails(sign, RequestExpiredException.class);
    }

    @Test
    void theWaitCallbackAlwaysRunsBeforeTheResultEvenOnTheCallingThread() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (HasClient direct = HasClient.builder().server(has.url()).clock(clock).executor(Runnable::run).build()) {
            CompletableFuture<SignResult> sign = direct.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                    .operations(JSON.readTree("[]")).onWait(wait -> events.add("wait " + wait.uuid())).build());
            // the callback runs on the thread that completes the sign, maybe after this thread sees it complete
            CompletableFuture<Void> resultSeen = sign.thenRun(() -> events.add("result"));
            ScriptedHas.Peer peer = has.nextPeer();
            peer.next(SignReq.class);
            peer.send(new SignWait("u-1", inAMinute()));
            peer.send(SignAck.broadcast("u-1", "txid", null));

            assertThat(sign).succeedsWithin(WAIT);
            assertThat(resultSeen).succeedsWithin(WAIT);
            assertThat(events).containsExactly("wait u-1", "result");
        }
    }

    /** A connection with nothing pending yet: opened by connect(). */
    private ScriptedHas.Peer connectedPeer() throws Exception {
        assertThat(app.connect()).succeedsWithin(WAIT);
        return has.nextPeer();
    }

    /**
     * Frames from one connection are handled in order: once a wait sent after them has reached its
     * request, the frames sent before were handled too.
     */
    private void awaitProcessed(ScriptedHas.Peer peer) throws Exception {
        CompletableFuture<SignResult> probe = app.sign(SignRequest.newBuilder(alice()).keyType(KeyType.POSTING)
                .operations(JSON.readTree("[]")).build());
        peer.next(SignReq.class);
        String uuid = "probe-" + System.nanoTime();
        peer.send(new SignWait(uuid, inAMinute()));
        peer.send(SignAck.broadcast(uuid, "probe", null));
        probe.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
