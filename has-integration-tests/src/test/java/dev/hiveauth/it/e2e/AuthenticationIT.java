package dev.hiveauth.it.e2e;

import dev.hiveauth.app.AuthRequest;
import static dev.hiveauth.it.fixture.HiveAuthWorld.PAST_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.app.AccountKeyLookup;
import dev.hiveauth.app.AuthPrompt;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.ChallengeVerifier;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.RequestExpiredException;
import dev.hiveauth.app.RequestFailedException;
import dev.hiveauth.app.RequestRefusedException;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.ManualApproval;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.Auth;
import dev.hiveauth.pksa.AuthStore;
import dev.hiveauth.pksa.Decision;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Logging in with all three roles for real — the relay on loopback, the wallet library, the application client —
 * against a fake Hive node they all read keys from. Both ways a wallet learns the auth_key (the QR code: the
 * app's {@code has://} payload handed to {@code Pksa.acceptPayload} as a phone camera would; service mode: the
 * auth_key wrapped with a secret app and wallet share), and every way a login ends.
 */
class AuthenticationIT {
    private static final AuthReqData.App APP = new AuthReqData.App("it.example", "Integration tests", null);
    private static final String SECRET = "a secret the app and the service wallet share";

    private final HiveAuthWorld world = HiveAuthWorld.start();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aWalletThatScansTheQrCodeApprovesTheLogin() {
        AuthStore store = AuthStore.inMemory();
        Pksa wallet = world.open(world.wallet(world.alice()).auths(store)); // offline until the QR code names a relay
        HasClient app = world.open(world.app());
        CompletableFuture<Auth> scanned = new CompletableFuture<>();

        AuthResult login = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(prompt -> wallet.acceptPayload(prompt.uri())
                .whenComplete((auth, error) -> complete(scanned, auth, error))).build()));

        Auth granted = Awaited.value(scanned);
        assertThat(login.auth().account()).isEqualTo("alice");
        assertThat(login.auth().authKey()).isEqualTo(granted.key());
        assertThat(login.auth().expire()).isEqualTo(granted.expire())
                .isEqualTo(world.clock().millis() + Duration.ofDays(1).toMillis());
        assertThat(login.challenge()).isNull();
        assertThat(store.auths("alice")).singleElement().satisfies(auth -> assertThat(auth.app())
                .isEqualTo("it.example"));
    }

    @Test
    void aLoginWithAChallengeComesBackSignedByAlicesPostingKeyOnChain() {
        Pksa wallet = world.open(world.wallet(world.alice()));
        HasClient app = world.open(world.app());
        String challenge = "login to it.example at " + world.clock().millis();

        AuthResult login = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .challenge(KeyType.POSTING, challenge).onWait(prompt -> wallet.acceptPayload(prompt.uri())).build()));

        ChallengeVerifier verifier = new ChallengeVerifier(AccountKeyLookup.onChain(world.hive()));
        assertThat(Awaited.value(verifier.verify("alice", KeyType.POSTING, challenge, login.challenge())))
                .isEqualTo(world.alice().posting().publicKey());
    }

    @Test
    void aServiceWalletOpensTheAuthKeyWithTheSharedSecretAndSignsTheChallengeWithTheActiveKey() {
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        String challenge = "service login " + world.clock().millis();

        AuthResult login = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .challenge(KeyType.ACTIVE, challenge).build()));

        ChallengeVerifier verifier = new ChallengeVerifier(AccountKeyLookup.onChain(world.hive()));
        assertThat(Awaited.value(verifier.verify("alice", KeyType.ACTIVE, challenge, login.challenge())))
                .isEqualTo(world.alice().active().publicKey());
    }

    @Test
    void aServiceWalletWithAnotherSecretCannotOpenTheLogin_andTheAppExpires() {
        AuthStore store = AuthStore.inMemory();
        world.online(world.wallet(world.alice()).serviceSecret("not the app's secret").auths(store)
                .policy(new ServicePolicy(true)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        CompletableFuture<AuthPrompt> waiting = new CompletableFuture<>();

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(waiting::complete).build());
        Awaited.value(waiting);
        world.advance(PAST_EXPIRY);

        assertThat(Awaited.failure(login)).isInstanceOf(RequestExpiredException.class);
        assertThat(store.auths("alice")).isEmpty();
    }

    @Test
    void theWalletRefusesTheLogin_andTheAppGetsARefusalItCanTrust() {
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(ApprovalPolicy.always(Decision.REJECT)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));

        Throwable refused = Awaited.failure(app.authenticate(AuthRequest.newBuilder("alice").app(APP).build()));

        assertThat(refused).isInstanceOf(RequestRefusedException.class);
        assertThat(world.requests("auth", "refused")).isEqualTo(1);
    }

    @Test
    void theWalletCannotKeepTheLogin_andTheAppGetsTheWalletsError() {
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true))
                .auths(new FullDiskAuthStore()));
        HasClient app = world.open(world.app().authKeySecret(SECRET));

        Throwable failed = Awaited.failure(app.authenticate(AuthRequest.newBuilder("alice").app(APP).build()));

        // the reference PKSA's auth_err text, in plain text as it sends it
        assertThat(failed).isInstanceOfSatisfying(RequestFailedException.class,
                error -> assertThat(error.error()).isEqualTo("Failed to process authentication request"));
    }

    @Test
    void noWalletAnswers_andTheLoginExpiresOnTheAppsClock() {
        HasClient app = world.open(world.app());
        CompletableFuture<AuthPrompt> waiting = new CompletableFuture<>();

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(waiting::complete).build());
        AuthPrompt prompt = Awaited.value(waiting);
        assertThat(prompt.expire()).isEqualTo(world.clock().millis() + HiveAuthWorld.REQUEST_TIMEOUT.toMillis());
        world.advance(PAST_EXPIRY);

        assertThat(Awaited.failure(login)).isInstanceOf(RequestExpiredException.class);
        assertThat(world.pendingRequests()).isZero();
    }

    @Test
    void anApprovalThatComesAfterTheExpiryIsDropped_nothingIsStoredOrRelayed() {
        ManualApproval user = new ManualApproval();
        AuthStore store = AuthStore.inMemory();
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(user).auths(store));
        HasClient app = world.open(world.app().authKeySecret(SECRET));

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        ManualApproval.Question question = user.next();
        world.advance(PAST_EXPIRY);
        assertThat(Awaited.failure(login)).isInstanceOf(RequestExpiredException.class);
        question.approve();

        // The wallet handles its work in order: once a later login is answered, the late approval was handled.
        CompletableFuture<AuthResult> later = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        user.next().approve();
        Awaited.value(later);
        assertThat(store.auths("alice")).hasSize(1);
        assertThat(world.requests("auth", "approved")).isEqualTo(1);
    }

    /**
     * hive-auth-wrapper, given an authentication it stored, logs in again with the same auth_key instead of a
     * new one (the docs' "no QR code to scan again"). The application client always makes a fresh key, as the
     * docs tell applications to, so the wrapper's frames are written here by hand.
     */
    @Test
    void aSecondLoginWithTheStoredAuthKeyIsApprovedWithoutAskingTheUserAgain() {
        ManualApproval user = new ManualApproval();
        AuthStore store = AuthStore.inMemory();
        Pksa wallet = world.open(world.wallet(world.alice()).auths(store).policy(user));
        HasClient app = world.open(world.app());
        AuthResult first = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(prompt -> wallet.acceptPayload(prompt.uri())).build()));
        world.advance(Duration.ofHours(2));

        WirePeer wrapper = world.wire();
        wrapper.await("connected");
        wrapper.send(WirePeer.frame("auth_req").put("account", "alice")
                .put("data", new AuthReqData(APP).encrypt(first.auth().authKey())));
        String uuid = wrapper.await("auth_wait").get("uuid").asText();
        JsonNode ack = wrapper.await("auth_ack", uuid);

        AuthAckData again = AuthAckData.decrypt(ack.get("data").asText(), first.auth().authKey()).orElseThrow();
        assertThat(again.expire()).as("the stored authentication, not a new one").isEqualTo(first.auth().expire());
        assertThat(user.asked()).isZero();
        assertThat(store.auths("alice")).hasSize(1);
    }

    private static <T> void complete(CompletableFuture<T> future, T value, Throwable error) {
        if (error != null) {
            future.completeExceptionally(error);
        } else {
            future.complete(value);
        }
    }

    /** A wallet store on a disk that is full: it reads, but every write fails, as a real write would. */
    private static final class FullDiskAuthStore implements AuthStore {
        private final AuthStore memory = AuthStore.inMemory();

        @Override
        public List<Auth> auths(String account) {
            return memory.auths(account);
        }

        @Override
        public void add(Auth auth) {
            throw new UncheckedIOException(new java.io.IOException("No space left on device"));
        }

        @Override
        public void recordNonce(String account, String key, long nonce) {
            throw new UncheckedIOException(new java.io.IOException("No space left on device"));
        }

        @Override
        public void removeExpired(long nowMillis) {
            memory.removeExpired(nowMillis);
        }
    }
}
