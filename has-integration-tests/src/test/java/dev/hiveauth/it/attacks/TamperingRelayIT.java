package dev.hiveauth.it.attacks;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.ChallengeRequest;
import dev.hiveauth.app.ChallengeResult;
import dev.hiveauth.app.SignRequest;
import static dev.hiveauth.it.fixture.HiveAuthWorld.PAST_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.app.AccountKeyLookup;
import dev.hiveauth.app.Auth;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.ChallengeVerificationException;
import dev.hiveauth.app.ChallengeVerifier;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.RequestExpiredException;
import dev.hiveauth.app.RequestFailedException;
import dev.hiveauth.app.RequestRefusedException;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.ManualApproval;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.chain.rpc.TransactionStatus;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A malicious relay between the application and the real one ({@link MitmRelay}) alters what it relays. The
 * protocol's defence is that every answer that matters is encrypted with the auth_key the relay never sees: the
 * application client must ignore what does not decrypt to the expected payload, so a tampered approval or a forged
 * refusal ends in expiry, never in success with forged content or in a refusal the wallet did not send.
 *
 * <p>What the protocol leaves open, and these tests document rather than pretend to close: a relay can always deny
 * service (drop an answer, or end a request with a plain-text {@code *_err}, which the protocol must allow since a
 * HAS's own errors cannot be encrypted); {@code sign_ack} is not encrypted, so a replaced transaction id is out of
 * the protocol's reach (an application that must be sure looks it up on chain); and {@code challenge_ack_data} does
 * not name its request, so a replayed earlier answer decrypts fine — only checking the signature against the text
 * asked catches it.
 */
class TamperingRelayIT {
    private static final String SECRET = "tampering secret";
    private static final AuthReqData.App APP = new AuthReqData.App("it.example");

    private final HiveAuthWorld world = HiveAuthWorld.start();
    private MitmRelay relay;
    private HasClient app;

    @AfterEach
    void close() {
        world.close();
    }

    private void aliceHasAServiceWalletAndTheAppGoesThroughTheMaliciousRelay(ApprovalPolicy policy) {
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(policy));
        relay = world.track(MitmRelay.inFrontOf(world.relay()));
        app = world.open(world.app(relay.uri()).authKeySecret(SECRET));
    }

    private Auth loggedIn() {
        return Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app(APP).build())).auth();
    }

    /** The CryptoJS string with one bit flipped in byte {@code at} of what it encodes (negative: from the end). */
    private static String flipped(String base64, int at) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[at >= 0 ? at : bytes.length + at] ^= 0x01;
        return Base64.getEncoder().encodeToString(bytes);
    }

    @ParameterizedTest(name = "bit flipped in byte {0}")
    // the "Salted__" magic, the salt, the first cipher block, the block before the last, the padding block
    @ValueSource(ints = {0, 8, 16, -17, -1})
    void aLoginApprovalWithAFlippedBit_isIgnored_andTheLoginExpires(int at) {
        aliceHasAServiceWalletAndTheAppGoesThroughTheMaliciousRelay(new ServicePolicy(true));
        relay.tamper(frame -> "auth_ack".equals(frame.path("cmd").asText())
                ? frame.put("data", flipped(frame.get("data").asText(), at)) : frame);

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        await().until(() -> relay.deliveredToApp("auth_ack").size() == 1);
        world.advance(PAST_EXPIRY);

        assertThat(Awaited.failure(login)).isInstanceOf(RequestExpiredException.class);
    }

    @Test
    void aChallengeAnswerWithAFlippedBit_isIgnored_andTheChallengeExpires() {
        aliceHasAServiceWalletAndTheAppGoesThroughTheMaliciousRelay(new ServicePolicy(true));
        Auth auth = loggedIn();
        relay.tamper(frame -> "challenge_ack".equals(frame.path("cmd").asText())
                ? frame.put("data", flipped(frame.get("data").asText(), 16)) : frame);

        CompletableFuture<ChallengeResult> answer = app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.POSTING).text("who are you?").build());
        await().until(() -> relay.deliveredToApp("challenge_ack").size() == 1);
        world.advance(PAST_EXPIRY);

        assertThat(Awaited.failure(answer)).isInstanceOf(RequestExpiredException.class);
    }

    @Test
    void anApprovalTurnedIntoARefusal_withAnEarlierGenuineRefusalsData_isNotBelieved() {
        ManualApproval user = new ManualApproval();
        aliceHasAServiceWalletAndTheAppGoesThroughTheMaliciousRelay(user);
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        user.next().approve();
        Auth auth = Awaited.value(login).auth();
        CompletableFuture<SignResult> first = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "refused")).build());
        user.next().reject();
        assertThat(Awaited.failure(first)).isInstanceOf(RequestRefusedException.class);
        String genuineRefusal = relay.deliveredToApp("sign_nack").get(0).get("data").asText();

        relay.tamper(frame -> "sign_ack".equals(frame.path("cmd").asText())
                ? WirePeer.frame("sign_nack").put("uuid", frame.get("uuid").asText()).put("data", genuineRefusal)
                : frame);
        CompletableFuture<SignResult> second = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "approved")).build());
        user.next().approve();
        await().until(() -> relay.deliveredToApp("sign_nack").size() == 2);
        world.advance(PAST_EXPIRY);

        // the refusal's data is the encrypted uuid of the first request: it does not confirm the second one
        assertThat(Awaited.failure(second)).isInstanceOf(RequestExpiredException.class);
        assertThat(world.chain().accepted()).as("what the relay hid is on chain").hasSize(1);
    }

    @Test
    void aRefusalForgedWithoutData_likeKeychainMobilesOwn_isNotBelieved() {
        aliceHasAServiceWalletAndTheAppGoesThroughTheMaliciousRelay(new ServicePolicy(true));
        relay.tamper(frame -> "auth_ack".equals(frame.path("cmd").asText())
                ? WirePeer.frame("auth_nack").put("uuid", frame.get("uuid").asText()).put("error", "declined")
                : frame);

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        await().until(() -> relay.deliveredToApp("auth_nack").size() == 1);
        world.advance(PAST_EXPIRY);

        assertThat(Awaited.failure(login)).isInstanceOf(RequestExpiredException.class);
    }

    @Test
    void aRelayCanStillFailARequestWithAPlainError_aDenialOfServiceButNeverAnApproval() {
        aliceHasAServiceWalletAndTheAppGoesThroughTheMaliciousRelay(new ServicePolicy(true));
        relay.tamper(frame -> "auth_ack".equals(frame.path("cmd").asText())
                ? WirePeer.frame("auth_err").put("uuid", frame.get("uuid").asText()).put("error", "the relay says no")
                : frame);

        Throwable failed = Awaited.failure(app.authenticate(AuthRequest.newBuilder("alice").app(APP).build()));

        assertThat(failed).isInstanceOfSatisfying(RequestFailedException.class,
                error -> assertThat(error.error()).isEqualTo("the relay says no"));
    }

    @Test
    void aReplacedTransactionIdIsBeyondTheProtocol_theAppCanOnlyLookItUpOnChain() {
        aliceHasAServiceWalletAndTheAppGoesThroughTheMaliciousRelay(new ServicePolicy(true));
        Auth auth = loggedIn();
        String forgedId = "0123456789abcdef0123456789abcdef01234567";
        relay.tamper(frame -> "sign_ack".equals(frame.path("cmd").asText()) ? frame.put("data", forgedId) : frame);

        SignResult signed = Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "swapped-id")).build()));

        assertThat(signed.txid()).as("sign_ack is not encrypted: the app takes the id as relayed").isEqualTo(forgedId);
        assertThat(Awaited.value(world.hive().findTransaction(forgedId))).isEqualTo(TransactionStatus.UNKNOWN);
        String genuine = world.chain().accepted().get(0).id();
        assertThat(Awaited.value(world.hive().findTransaction(genuine))).isNotEqualTo(TransactionStatus.UNKNOWN);
    }

    @Test
    void anEarlierChallengeAnswerReplayed_decryptsFine_butFailsTheSignatureCheckOnTheTextAsked() {
        aliceHasAServiceWalletAndTheAppGoesThroughTheMaliciousRelay(new ServicePolicy(true));
        Auth auth = loggedIn();
        Awaited.value(app.challenge(ChallengeRequest.newBuilder(auth).keyType(KeyType.POSTING).text("first question")
                .build()));
        String earlierAnswer = relay.deliveredToApp("challenge_ack").get(0).get("data").asText();
        relay.tamper(frame -> "challenge_ack".equals(frame.path("cmd").asText())
                ? frame.put("data", earlierAnswer) : frame);

        ChallengeResult answer = Awaited.value(app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.POSTING).text("second question").build()));

        ChallengeVerifier verifier = new ChallengeVerifier(AccountKeyLookup.onChain(world.hive()));
        assertThat(Awaited.failure(verifier.verify("alice", KeyType.POSTING, "second question", answer)))
                .isInstanceOf(ChallengeVerificationException.class);
    }
}
