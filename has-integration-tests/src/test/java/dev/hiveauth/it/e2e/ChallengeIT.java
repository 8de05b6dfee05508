package dev.hiveauth.it.e2e;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.ChallengeRequest;
import dev.hiveauth.app.ChallengeResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.app.AccountKeyLookup;
import dev.hiveauth.app.Auth;
import dev.hiveauth.app.ChallengeVerificationException;
import dev.hiveauth.app.ChallengeVerifier;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.RequestFailedException;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.KeyRole;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.crypto.Memo;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.AccountKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Challenges end to end: the wallet signs a text with the key the app names (and the app checks the signature
 * against the keys the chain says alice has now), or decrypts a memo the app encrypted to one of alice's keys.
 */
class ChallengeIT {
    private static final String SECRET = "challenge secret";
    /** The application's own key, the sender of the memos it asks alice to decrypt. */
    private static final PrivateKey APP_KEY = PrivateKey.fromSeed("it.example application key");

    private final HiveAuthWorld world = HiveAuthWorld.start();
    private final ChallengeVerifier verifier = new ChallengeVerifier(AccountKeyLookup.onChain(world.hive()));
    private HasClient app;
    private Auth auth;

    @BeforeEach
    void aliceIsLoggedInThroughHerServiceWallet() {
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true)));
        app = world.open(world.app().authKeySecret(SECRET));
        auth = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app(new AuthReqData.App("it.example"))
                .build())).auth();
    }

    @AfterEach
    void close() {
        world.close();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void aChallengeSignedWithTheKeyAskedForVerifiesAgainstThatKeyOnChain(KeyType type) {
        String text = "prove you are alice (" + type.jsonName() + ")";

        ChallengeResult answer = Awaited.value(app.challenge(ChallengeRequest.newBuilder(auth).keyType(type)
                .text(text).build()));

        PublicKey expected = KeyRole.of(world.alice(), type).publicKey();
        assertThat(answer.publicKey()).isEqualTo(expected.toString());
        assertThat(Awaited.value(verifier.verify("alice", type, text, answer))).isEqualTo(expected);
    }

    @Test
    void aPostingSignatureDoesNotPassForTheActiveKey() {
        String text = "sign this with your active key, please";

        ChallengeResult answer = Awaited.value(app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.POSTING).text(text).build()));

        assertThat(Awaited.failure(verifier.verify("alice", KeyType.ACTIVE, text, answer)))
                .isInstanceOf(ChallengeVerificationException.class)
                .hasMessageContaining("is not one of alice's active keys");
    }

    @Test
    void aSignatureOverAnotherTextDoesNotPass() {
        ChallengeResult answer = Awaited.value(app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.POSTING).text("the text signed").build()));

        assertThat(Awaited.failure(verifier.verify("alice", KeyType.POSTING, "the text the app meant", answer)))
                .isInstanceOf(ChallengeVerificationException.class);
    }

    @Test
    void afterAliceChangesHerKeysHerEarlierSignatureNoLongerPasses() {
        String text = "who are you?";
        ChallengeResult answer = Awaited.value(app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.POSTING).text(text).build()));

        world.chain().updateKeys(AccountKeys.fromPassword("alice", "a new master password"));

        assertThat(Awaited.failure(verifier.verify("alice", KeyType.POSTING, text, answer)))
                .isInstanceOf(ChallengeVerificationException.class)
                .hasMessageContaining("is not one of alice's posting keys");
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"MEMO", "POSTING"})
    void aMemoEncryptedToAlicesKeyIsDecryptedByHerWallet(KeyType type) {
        PublicKey to = KeyRole.of(world.alice(), type).publicKey();
        String memo = Memo.encode(APP_KEY, to, "#the meeting is at noon");

        ChallengeResult answer = Awaited.value(app.challenge(ChallengeRequest.newBuilder(auth).keyType(type)
                .text(memo).decrypt(true).build()));

        // as hive-js memo.decode returns it: with its leading '#'
        assertThat(answer.answer()).isEqualTo("#the meeting is at noon");
        assertThat(answer.publicKey()).isEqualTo(to.toString());
    }

    @Test
    void aMemoEncryptedToAnotherKeyCannotBeDecryptedWithTheKeyAskedFor_theWalletSaysSo() {
        String memo = Memo.encode(APP_KEY, world.alice().active().publicKey(), "#for the active key");

        Throwable failed = Awaited.failure(app.challenge(ChallengeRequest.newBuilder(auth).keyType(KeyType.MEMO)
                .text(memo).decrypt(true).build()));

        assertThat(failed).isInstanceOfSatisfying(RequestFailedException.class,
                error -> assertThat(error.error()).startsWith("cannot decrypt the challenge with the memo key"));
    }
}
