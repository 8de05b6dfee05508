package dev.hiveauth.it.attacks;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.RequestAccepted;
import dev.hiveauth.app.SignRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.app.Auth;
import dev.hiveauth.app.AuthPrompt;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.ManualApproval;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.protocol.crypto.Memo;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.AccountKeys;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replies forged by someone who learned a request's uuid (it is in the QR code on the screen): from a socket
 * that never registered alice, with a proof that is not alice's over that uuid, of the wrong family, or for a
 * request already answered. Each is refused with an {@code error} to its sender; none reaches the application
 * (its frames are recorded by an honest {@link MitmRelay} in front of it), and alice's own wallet, which holds
 * its approval meanwhile, still gets its answer through.
 */
class ForgedRepliesIT {
    private static final String SECRET = "forgery secret";
    private static final AuthReqData.App APP = new AuthReqData.App("it.example");

    private final HiveAuthWorld world = HiveAuthWorld.start();
    private final AccountKeys mallory = world.chain().createAccount("mallory");
    private final ManualApproval alicesUser = new ManualApproval();
    private MitmRelay recorder;
    private HasClient app;

    @BeforeEach
    void aliceHasHerWalletAndTheAppIsRecorded() {
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(alicesUser));
        recorder = world.track(MitmRelay.inFrontOf(world.relay()));
        app = world.open(world.app(recorder.uri()).authKeySecret(SECRET));
    }

    @AfterEach
    void close() {
        world.close();
    }

    private RogueWallet rogue() {
        return world.track(RogueWallet.connect(world.relay()));
    }

    /** A rogue socket that proved one of alice's keys: an old device that still holds her memo key. */
    private RogueWallet oldDeviceOfAlice() {
        RogueWallet device = rogue();
        device.register("alice", world.alice().memo(), world.clock());
        world.awaitRegistrations("alice", 2);
        return device;
    }

    private static String forgedApproval() {
        return new AuthAckData(Long.MAX_VALUE / 2).encrypt("the attacker's guess at the auth_key");
    }

    /** Every frame the application received about {@code uuid}. */
    private List<String> appFramesAbout(String uuid) {
        return recorder.deliveredToApp().stream().filter(frame -> uuid.equals(frame.path("uuid").asText()))
                .map(frame -> frame.get("cmd").asText()).toList();
    }

    @Test
    void aReplyFromASocketThatNeverRegisteredAlice_isRefused_andOnlyHerWalletsAnswerReachesTheApp() {
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(shown::complete).build());
        String uuid = Awaited.value(shown).uuid();
        ManualApproval.Question question = alicesUser.next();

        RogueWallet stranger = rogue();
        stranger.reply("auth_ack", uuid, forgedApproval(), stranger.pok(mallory.memo(), uuid));
        RogueWallet mallorysWallet = rogue();
        mallorysWallet.register("mallory", mallory.memo(), world.clock());
        mallorysWallet.reply("auth_ack", uuid, forgedApproval(), mallorysWallet.pok(mallory.memo(), uuid));

        assertThat(stranger.errorAbout(uuid)).isEqualTo("auth_ack: this connection has not registered alice");
        assertThat(mallorysWallet.errorAbout(uuid)).isEqualTo("auth_ack: this connection has not registered alice");
        question.approve();
        AuthResult result = Awaited.value(login);
        assertThat(appFramesAbout(uuid)).containsExactly("auth_wait", "auth_ack");
        JsonNode relayed = recorder.deliveredToApp("auth_ack").get(0);
        assertThat(AuthAckData.decrypt(relayed.get("data").asText(), result.auth().authKey())).isPresent();
    }

    @Test
    void aProofThatIsNotAlicesOverThisUuid_isRefusedEvenFromASocketThatRegisteredHer() {
        RogueWallet oldDevice = oldDeviceOfAlice();
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(shown::complete).build());
        String uuid = Awaited.value(shown).uuid();
        ManualApproval.Question question = alicesUser.next();
        PrivateKey herMemoKey = world.alice().memo();

        oldDevice.reply("auth_ack", uuid, forgedApproval(), oldDevice.pok(mallory.memo(), uuid));
        assertThat(oldDevice.errorAbout(uuid))
                .isEqualTo("auth_ack: pok was made with a key that is not one of the account's keys");
        oldDevice.reply("auth_ack", uuid, forgedApproval(), oldDevice.pok(herMemoKey, "an earlier request's uuid"));
        assertThat(oldDevice.errorAbout(uuid)).isEqualTo("auth_ack: pok does not match the request uuid");
        oldDevice.reply("auth_ack", uuid, forgedApproval(),
                Memo.encode(herMemoKey, PrivateKey.fromSeed("another relay").publicKey(), "#" + uuid));
        assertThat(oldDevice.errorAbout(uuid)).isEqualTo("auth_ack: pok is not addressed to this server");
        oldDevice.reply("auth_nack", uuid, "forged refusal", "#not a memo at all");
        assertThat(oldDevice.errorAbout(uuid)).startsWith("auth_nack: pok is not a memo");

        question.approve();
        Awaited.value(login);
        assertThat(appFramesAbout(uuid)).containsExactly("auth_wait", "auth_ack");
    }

    @Test
    void aReplyOfAnotherFamily_isRefused_evenWithAGoodProof() {
        RogueWallet oldDevice = oldDeviceOfAlice();
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        alicesUser.next().approve();
        Auth auth = Awaited.value(login).auth();
        CompletableFuture<RequestAccepted> waiting = new CompletableFuture<>();
        CompletableFuture<SignResult> vote = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "family")).onWait(waiting::complete).build());
        String uuid = Awaited.value(waiting).uuid();
        ManualApproval.Question question = alicesUser.next();

        oldDevice.reply("challenge_ack", uuid, "forged", oldDevice.pok(world.alice().memo(), uuid));
        assertThat(oldDevice.errorAbout(uuid))
                .isEqualTo("challenge_ack: request " + uuid + " is a sign_req, not a challenge_req");
        oldDevice.reply("auth_ack", uuid, forgedApproval(), oldDevice.pok(world.alice().memo(), uuid));
        assertThat(oldDevice.errorAbout(uuid))
                .isEqualTo("auth_ack: request " + uuid + " is a sign_req, not a auth_req");

        question.approve();
        assertThat(world.chain().accepted(Awaited.value(vote).txid())).isPresent();
        assertThat(appFramesAbout(uuid)).containsExactly("sign_wait", "sign_ack");
    }

    @Test
    void aReplyForARequestAlreadyAnswered_orNoLongerKnown_isRefused_andTheAppHearsOneAnswer() {
        RogueWallet oldDevice = oldDeviceOfAlice();
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP)
                .onWait(shown::complete).build());
        String uuid = Awaited.value(shown).uuid();
        alicesUser.next().approve();
        Awaited.value(login);
        JsonNode genuine = recorder.deliveredToApp("auth_ack").get(0);

        // the genuine answer, replayed with a perfectly good proof: the first reply won already
        oldDevice.reply("auth_ack", uuid, genuine.get("data").asText(), oldDevice.pok(world.alice().memo(), uuid));
        assertThat(oldDevice.errorAbout(uuid)).isEqualTo("auth_ack: request already answered");
        // once the relay forgot the request (its answer kept one timeout for attach), it is unknown
        world.advance(HiveAuthWorld.PAST_EXPIRY.plus(Duration.ofSeconds(60)));
        oldDevice.reply("auth_ack", uuid, genuine.get("data").asText(), oldDevice.pok(world.alice().memo(), uuid));
        assertThat(oldDevice.errorAbout(uuid)).isEqualTo("auth_ack: unknown or expired request");

        assertThat(appFramesAbout(uuid)).containsExactly("auth_wait", "auth_ack");
    }
}
