package dev.hiveauth.app;

import static dev.hiveauth.app.LoopbackRelay.ALICE;
import static dev.hiveauth.app.LoopbackRelay.ALICE_POSTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.protocol.message.ChallengeAck;
import dev.hiveauth.protocol.message.ChallengeErr;
import dev.hiveauth.protocol.message.ChallengeNack;
import dev.hiveauth.protocol.message.ChallengeReq;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignErr;
import dev.hiveauth.protocol.message.SignNack;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.ChallengeReqData;
import dev.hiveauth.protocol.payload.ErrorText;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.NackData;
import dev.hiveauth.protocol.payload.SignReqData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions and challenges through the real HAS, for an account alice's scripted wallet authenticated. */
class SignAndChallengeFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ClientManager WALLETS = ClientManager.createClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TXID = "6bd9f6f9b4c9bd8b2e6d5e2e1f44b3d6b6a0f1c2";

    private LoopbackRelay relay;
    private HasClient app;
    private ScriptedPksa wallet;
    private Auth auth;

    @BeforeEach
    void authenticate() throws Exception {
        relay = new LoopbackRelay(WALLETS);
        app = relay.client();
        wallet = relay.alicesWallet();
        auth = relay.authenticate(app, wallet, null);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
    }

    @AfterAll
    static void releaseWallets() {
        WALLETS.shutdown();
    }

    private static JsonNode vote() throws Exception {
        return JSON.readTree("[[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"hello\",\"weight\":10000}]]");
    }

    @Test
    void theWalletSignsAndBroadcastsAndTheAppGetsTheTransactionId() throws Exception {
        CompletableFuture<RequestAccepted> waited = new CompletableFuture<>();
        CompletableFuture<SignResult> result = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(vote()).onWait(waited::complete).build());

        SignReq forwarded = wallet.request(SignReq.class);
        SignReqData asked = SignReqData.decrypt(forwarded.data(), auth.authKey()).orElseThrow();
        assertThat(asked.keyType()).isEqualTo(KeyType.POSTING);
        assertThat(asked.ops()).isEqualTo(vote());
        assertThat(asked.broadcast()).isTrue();
        assertThat(asked.nonce()).isNotNull();
        assertThat(forwarded.token()).isNull();
        wallet.send(SignAck.broadcast(forwarded.uuid(), TXID, wallet.pok(forwarded.uuid())));

        assertThat(result).succeedsWithin(WAIT).satisfies(signed -> {
            assertThat(signed.txid()).isEqualTo(TXID);
            assertThat(signed.broadcast()).isTrue();
            assertThat(signed.signedTransaction()).isNull();
            assertThat(signed.uuid()).isEqualTo(forwarded.uuid());
        });
        assertThat(waited.join().uuid()).isEqualTo(forwarded.uuid());
    }

    @Test
    void withoutBroadcastTheAppGetsTheSignedTransaction() throws Exception {
        CompletableFuture<SignResult> result = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.ACTIVE)
                .operations(vote()).broadcast(false).build());

        SignReq forwarded = wallet.request(SignReq.class);
        assertThat(SignReqData.decrypt(forwarded.data(), auth.authKey()).orElseThrow().broadcast()).isFalse();
        JsonNode tx = JSON.readTree("{\"ref_block_num\":1,\"ref_block_prefix\":2,\"expiration\":\"2026-11-22T20:00:00\","
                + "\"operations\":[],\"extensions\":[],\"signatures\":[\"1f00\"]}");
        wallet.send(SignAck.signedOnly(forwarded.uuid(), tx, wallet.pok(forwarded.uuid())));

        assertThat(result).succeedsWithin(WAIT).satisfies(signed -> {
            assertThat(signed.txid()).isNull();
            assertThat(signed.signedTransaction()).isEqualTo(tx);
            assertThat(signed.broadcast()).isFalse();
        });
    }

    @Test
    void aSignRefusalAndAnEncryptedSignErrorEndTheirRequests() throws Exception {
        CompletableFuture<SignResult> refused = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(vote()).build());
        SignReq first = wallet.request(SignReq.class);
        CompletableFuture<SignResult> failed = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.ACTIVE)
                .operations(vote()).build());
        SignReq second = wallet.request(SignReq.class);

        wallet.send(new SignNack(first.uuid(), NackData.encrypt(first.uuid(), auth.authKey()), wallet.pok(first.uuid())));
        wallet.send(new SignErr(second.uuid(), ErrorText.encrypt("active key operations are not allowed", auth.authKey()),
                wallet.pok(second.uuid())));

        assertThat(refused).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestRefusedException.class);
        assertThat(failed).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestFailedException.class)
                .withMessageContaining("active key operations are not allowed");
    }

    @Test
    void aLegacyTokenGoesBackAsTheTopLevelTokenOfLaterRequests() throws Exception {
        Auth legacy = relay.authenticate(app, wallet, "keychain-session-7");

        app.sign(SignRequest.newBuilder(legacy).keyType(KeyType.POSTING).operations(vote()).build());
        assertThat(wallet.request(SignReq.class).token()).isEqualTo("keychain-session-7");
        app.challenge(ChallengeRequest.newBuilder(legacy).keyType(KeyType.POSTING).text("hello").build());
        assertThat(wallet.request(ChallengeReq.class).token()).isEqualTo("keychain-session-7");
    }

    @Test
    void noncesAreStrictlyIncreasingEvenWithinOneMillisecond() throws Exception {
        Clock frozen = Clock.fixed(Instant.ofEpochMilli(relay.clock.millis()), ZoneOffset.UTC);
        HasClient stillApp = relay.client(builder -> builder.clock(frozen));
        Auth sameAuth = new Auth(ALICE, auth.authKey(), auth.expire());

        stillApp.sign(SignRequest.newBuilder(sameAuth).keyType(KeyType.POSTING).operations(vote()).build());
        stillApp.challenge(ChallengeRequest.newBuilder(sameAuth).keyType(KeyType.POSTING).text("a").build());
        stillApp.sign(SignRequest.newBuilder(sameAuth).keyType(KeyType.POSTING).operations(vote()).build());

        long first = SignReqData.decrypt(wallet.request(SignReq.class).data(), auth.authKey()).orElseThrow().nonce();
        long second = ChallengeReqData.decrypt(wallet.request(ChallengeReq.class).data(), auth.authKey()).orElseThrow()
                .nonce();
        long third = SignReqData.decrypt(wallet.request(SignReq.class).data(), auth.authKey()).orElseThrow().nonce();
        assertThat(first).isEqualTo(frozen.millis());
        assertThat(second).isEqualTo(first + 1);
        assertThat(third).isEqualTo(first + 2);
    }

    @Test
    void aChallengeIsSignedWithTheAskedKeyAndVerifies() throws Exception {
        CompletableFuture<ChallengeResult> result = app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.POSTING).text("prove it: 1f3e").build());

        ChallengeReq forwarded = wallet.request(ChallengeReq.class);
        ChallengeReqData asked = ChallengeReqData.decrypt(forwarded.data(), auth.authKey()).orElseThrow();
        assertThat(asked.keyType()).isEqualTo(KeyType.POSTING);
        assertThat(asked.challenge()).isEqualTo("prove it: 1f3e");
        assertThat(asked.decrypt()).isFalse();
        assertThat(asked.nonce()).isNotNull();
        ChallengeAckData answer = new ChallengeAckData(ALICE_POSTING.publicKey().toString(),
                ALICE_POSTING.sign("prove it: 1f3e").toHex());
        wallet.send(new ChallengeAck(forwarded.uuid(), answer.encrypt(auth.authKey()), wallet.pok(forwarded.uuid())));

        assertThat(result).succeedsWithin(WAIT)
                .isEqualTo(new ChallengeResult(forwarded.uuid(), answer.pubkey(), answer.challenge()));
        assertThat(ChallengeVerifier.verifySignature("prove it: 1f3e", result.join()))
                .isEqualTo(ALICE_POSTING.publicKey());
    }

    @Test
    void aDecryptChallengeSaysSoAndComesBackAsText() throws Exception {
        CompletableFuture<ChallengeResult> result = app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.MEMO).text("#encrypted-memo").decrypt(true).build());

        ChallengeReq forwarded = wallet.request(ChallengeReq.class);
        assertThat(ChallengeReqData.decrypt(forwarded.data(), auth.authKey()).orElseThrow().decrypt()).isTrue();
        ChallengeAckData answer = new ChallengeAckData(ALICE_POSTING.publicKey().toString(), "#the secret");
        wallet.send(new ChallengeAck(forwarded.uuid(), answer.encrypt(auth.authKey()), wallet.pok(forwarded.uuid())));

        assertThat(result).succeedsWithin(WAIT)
                .isEqualTo(new ChallengeResult(forwarded.uuid(), answer.pubkey(), answer.challenge()));
    }

    @Test
    void challengeRefusalsAndErrorsEndTheirRequests() throws Exception {
        CompletableFuture<ChallengeResult> refused = app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.POSTING).text("one").build());
        ChallengeReq first = wallet.request(ChallengeReq.class);
        CompletableFuture<ChallengeResult> failed = app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.ACTIVE).text("two").build());
        ChallengeReq second = wallet.request(ChallengeReq.class);

        wallet.send(new ChallengeNack(first.uuid(), NackData.encrypt(first.uuid(), auth.authKey()), wallet.pok(first.uuid())));
        wallet.send(new ChallengeErr(second.uuid(), ErrorText.encrypt("no active key", auth.authKey()),
                wallet.pok(second.uuid())));

        assertThat(refused).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestRefusedException.class);
        assertThat(failed).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestFailedException.class).withMessageContaining("no active key");
    }

    @Test
    void anExpiredAuthIsRefusedBeforeAnythingIsSent() {
        Auth old = new Auth(ALICE, auth.authKey(), System.currentTimeMillis() - 1);

        assertThatThrownBy(() -> app.sign(SignRequest.newBuilder(old).keyType(KeyType.POSTING).operations(vote())
                .build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> app.challenge(ChallengeRequest.newBuilder(old).keyType(KeyType.POSTING).text("x")
                .build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expired");
        assertThat(wallet.nothingReceived()).isTrue();
    }
}
