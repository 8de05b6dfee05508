package dev.hiveauth.app;

import static dev.hiveauth.app.LoopbackRelay.ALICE;
import static dev.hiveauth.app.LoopbackRelay.ALICE_POSTING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.message.AuthErr;
import dev.hiveauth.protocol.message.AuthNack;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.payload.AuthPayload;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.NackData;
import dev.hiveauth.protocol.payload.ServiceAuthKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authentication through the real HAS on loopback, with a scripted wallet for alice. */
class AuthenticationFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ClientManager WALLETS = ClientManager.createClient();
    private static final AuthReqData.App MYAPP = new AuthReqData.App("myapp", "My Hive app", null);

    private LoopbackRelay relay;

    @BeforeEach
    void start() {
        relay = new LoopbackRelay(WALLETS);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
    }

    @AfterAll
    static void releaseWallets() {
        WALLETS.shutdown();
    }

    @Test
    void theWalletApprovesWithTheKeyFromTheQrCodeAndTheAppKeepsTheAuth() throws Exception {
        HasClient app = relay.client();
        ScriptedPksa wallet = relay.alicesWallet();
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();

        CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                .onWait(shown::complete).build());

        AuthReq forwarded = wallet.request(AuthReq.class);
        AuthPrompt prompt = shown.get(10, java.util.concurrent.TimeUnit.SECONDS);
        AuthPayload payload = AuthPayload.parse(prompt.uri());
        assertThat(prompt.uuid()).isEqualTo(forwarded.uuid());
        assertThat(prompt.expire()).isEqualTo(forwarded.expire());
        assertThat(payload.account()).isEqualTo(ALICE);
        assertThat(payload.uuid()).isEqualTo(forwarded.uuid());
        assertThat(payload.host()).isEqualTo(relay.url());
        assertThat(payload.key()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(prompt.toString()).doesNotContain(payload.key());
        assertThat(forwarded.authKey()).as("no service-mode key outside service mode").isNull();
        AuthReqData asked = AuthReqData.decrypt(forwarded.data(), payload.key()).orElseThrow();
        assertThat(asked.app()).isEqualTo(MYAPP);
        assertThat(asked.challenge()).isNull();

        long until = relay.clock.millis() + Duration.ofDays(1).toMillis();
        wallet.approve(forwarded, payload.key(), until, null, null);

        assertThat(result).succeedsWithin(WAIT).satisfies(approved -> {
            assertThat(approved.auth()).isEqualTo(new Auth(ALICE, payload.key(), until));
            assertThat(approved.challenge()).isNull();
            assertThat(approved.auth().toString()).doesNotContain(payload.key());
        });
    }

    @Test
    void aChallengeSentWithTheAuthenticationComesBackSignedByAlicesPostingKey() throws Exception {
        HasClient app = relay.client();
        ScriptedPksa wallet = relay.alicesWallet();
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();

        CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                .challenge(KeyType.POSTING, "login to myapp #42").onWait(shown::complete).build());

        AuthReq forwarded = wallet.request(AuthReq.class);
        String key = AuthPayload.parse(shown.join().uri()).key();
        AuthReqData asked = AuthReqData.decrypt(forwarded.data(), key).orElseThrow();
        assertThat(asked.challenge()).isEqualTo(new AuthReqData.Challenge(KeyType.POSTING, "login to myapp #42"));
        ChallengeAckData signed = new ChallengeAckData(ALICE_POSTING.publicKey().toString(),
                ALICE_POSTING.sign("login to myapp #42").toHex());
        wallet.approve(forwarded, key, relay.clock.millis() + 3_600_000, signed, null);

        AuthResult approved = result.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(approved.challenge())
                .isEqualTo(new ChallengeResult(forwarded.uuid(), signed.pubkey(), signed.challenge()));
        assertThat(ChallengeVerifier.verifySignature("login to myapp #42", approved.challenge()))
                .isEqualTo(ALICE_POSTING.publicKey());
    }

    @Test
    void aRefusalWhoseDataDecryptsToTheUuidFailsAsRefused() throws Exception {
        HasClient app = relay.client();
        ScriptedPksa wallet = relay.alicesWallet();
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
        CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                .onWait(shown::complete).build());
        AuthReq forwarded = wallet.request(AuthReq.class);
        String key = AuthPayload.parse(shown.join().uri()).key();

        wallet.send(new AuthNack(forwarded.uuid(), NackData.encrypt(forwarded.uuid(), key), wallet.pok(forwarded.uuid())));

        assertThat(result).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestRefusedException.class)
                .satisfies(refused -> assertThat(((HasException) refused).uuid()).isEqualTo(forwarded.uuid()));
    }

    @Test
    void aWalletErrorInPlainTextFailsWithThatText() throws Exception {
        HasClient app = relay.client();
        ScriptedPksa wallet = relay.alicesWallet();
        CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                .onWait(prompt -> { }).build());
        AuthReq forwarded = wallet.request(AuthReq.class);

        // the reference service PKSA sends auth_err unencrypted
        wallet.send(new AuthErr(forwarded.uuid(), "Failed to process authentication request", wallet.pok(forwarded.uuid())));

        assertThat(result).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RequestFailedException.class)
                .satisfies(failed -> assertThat(((RequestFailedException) failed).error())
                        .isEqualTo("Failed to process authentication request"));
    }

    @Test
    void inServiceModeTheAuthKeyTravelsWrappedWithTheSharedSecret() throws Exception {
        HasClient app = relay.client(builder -> builder.authKeySecret("our pksa secret"));
        ScriptedPksa wallet = relay.alicesWallet();

        CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP).build());

        AuthReq forwarded = wallet.request(AuthReq.class);
        assertThat(forwarded.authKey()).isNotNull();
        assertThat(ServiceAuthKey.unwrap(forwarded.authKey(), "another secret")).isEmpty();
        String key = ServiceAuthKey.unwrap(forwarded.authKey(), "our pksa secret").orElseThrow();
        assertThat(AuthReqData.decrypt(forwarded.data(), key)).isPresent();
        wallet.approve(forwarded, key, relay.clock.millis() + 60_000, null, null);

        assertThat(result).succeedsWithin(WAIT).satisfies(approved -> assertThat(approved.auth().authKey())
                .isEqualTo(key));
    }

    @Test
    void aLegacyWalletsTokenIsKeptWithTheAuth() throws Exception {
        HasClient app = relay.client();
        ScriptedPksa wallet = relay.alicesWallet();
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
        CompletableFuture<AuthResult> result = app.authenticate(AuthRequest.newBuilder(ALICE).app(MYAPP)
                .onWait(shown::complete).build());
        AuthReq forwarded = wallet.request(AuthReq.class);
        String key = AuthPayload.parse(shown.join().uri()).key();

        wallet.approve(forwarded, key, relay.clock.millis() + 60_000, null, "keychain-session-7");

        assertThat(result).succeedsWithin(WAIT)
                .satisfies(approved -> assertThat(approved.auth().token()).isEqualTo("keychain-session-7"));
    }
}
