package dev.hiveauth.it.peers;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.RequestAccepted;
import dev.hiveauth.app.SignRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.app.AccountKeyLookup;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.ChallengeVerifier;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.RequestExpiredException;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hive Keychain Mobile, the most used wallet, as it really speaks (legacy registration, no proof on replies, bare
 * {@code *_wait} frames, a session token it needs back, refusals without data), against the real relay in its
 * default compat mode and the real application client. ({@link StrictModeIT}: a strict relay refuses its replies.)
 */
class KeychainMobileIT {
    private static final AuthReqData.App APP = new AuthReqData.App("it.example");

    private final HiveAuthWorld world = HiveAuthWorld.start();

    @AfterEach
    void close() {
        world.close();
    }

    private KeychainMobileWallet keychain() {
        return world.track(new KeychainMobileWallet(world.alice(), world.hive(), world.clock()));
    }

    @Test
    void keychainLogsAliceInFromTheQrCode_itsUnprovenReplyAcceptedFromItsVerifiedRegistration() {
        KeychainMobileWallet keychain = keychain();
        HasClient app = world.open(world.app());
        String challenge = "keychain login " + world.clock().millis();

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .challenge(KeyType.POSTING, challenge).onWait(prompt -> keychain.scan(prompt.uri())).build());
        keychain.approveLogin();
        AuthResult result = Awaited.value(login);

        assertThat(result.auth().token()).as("Keychain's session token, kept for later requests").isNotNull();
        ChallengeVerifier verifier = new ChallengeVerifier(AccountKeyLookup.onChain(world.hive()));
        assertThat(Awaited.value(verifier.verify("alice", KeyType.POSTING, challenge, result.challenge())))
                .isEqualTo(world.alice().posting().publicKey());
        // the attach_nack for a uuid nobody uses comes after the answers to everything Keychain sent before
        keychain.socket().send("{\"cmd\":\"attach_req\",\"uuid\":\"barrier\"}");
        keychain.socket().await("attach_nack", "barrier");
        assertThat(keychain.socket().received("error")).as("its bare auth_wait is ignored, not answered").isEmpty();
    }

    @Test
    void theAppSendsKeychainsTokenBack_soKeychainFindsTheSessionAndSigns() {
        KeychainMobileWallet keychain = keychain();
        HasClient app = world.open(world.app());
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(prompt -> keychain.scan(prompt.uri())).build());
        String token = keychain.approveLogin();
        AuthResult result = Awaited.value(login);
        assertThat(result.auth().token()).isEqualTo(token);

        CompletableFuture<SignResult> vote = app.sign(SignRequest.newBuilder(result.auth()).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "from-keychain")).build());
        String txid = keychain.approveNextSign();

        assertThat(Awaited.value(vote).txid()).isEqualTo(txid);
        assertThat(world.chain().accepted(txid)).isPresent();
    }

    @Test
    void keychainsRefusalCarriesNoProofFromTheWallet_soTheAppDoesNotTakeIt_andRunsToTheExpiry() {
        KeychainMobileWallet keychain = keychain();
        HasClient app = world.open(world.app());
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(prompt -> keychain.scan(prompt.uri())).build());
        keychain.approveLogin();
        AuthResult result = Awaited.value(login);

        CompletableFuture<RequestAccepted> waiting = new CompletableFuture<>();
        CompletableFuture<SignResult> vote = app.sign(SignRequest.newBuilder(result.auth()).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "declined")).onWait(waiting::complete).build());
        Awaited.value(waiting);
        keychain.declineNextSign();
        // the relay relayed the nack (with its plain error); a HAS could have forged it, so the app waits
        await().until(() -> world.requests("sign", "refused") == 1);
        world.advance(HiveAuthWorld.PAST_EXPIRY);

        assertThat(Awaited.failure(vote)).isInstanceOf(RequestExpiredException.class);
    }
}
