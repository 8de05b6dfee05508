package dev.hiveauth.it.attacks;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.ChallengeRequest;
import dev.hiveauth.app.SignRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.app.Auth;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.ManualApproval;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ErrorText;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An attacker who captured an application's request (a malicious relay sees every frame) sends it again, byte
 * for byte: the relay cannot tell, it gives the copy a new uuid and forwards it, and it is alice's wallet that
 * recognises the nonce it already accepted and refuses — so a transaction is never signed or broadcast twice.
 */
class ReplayedNoncesIT {
    private static final String SECRET = "replay secret";

    private final HiveAuthWorld world = HiveAuthWorld.start();
    private MitmRelay recorder;
    private HasClient app;
    private Auth auth;

    @AfterEach
    void close() {
        world.close();
    }

    private void aliceIsLoggedInThroughTheRecorder(ApprovalPolicy policy) {
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(policy));
        recorder = world.track(MitmRelay.inFrontOf(world.relay()));
        app = world.open(world.app(recorder.uri()).authKeySecret(SECRET));
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("it.example")).build());
        if (policy instanceof ManualApproval user) {
            user.next().approve();
        }
        auth = Awaited.value(login).auth();
    }

    private String captured(String cmd) {
        return recorder.sentByApp().stream().filter(frame -> frame.contains("\"cmd\":\"" + cmd + "\""))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the app sent no " + cmd));
    }

    /** Sends the captured frame again from the attacker's own socket; returns the relayed answer to the copy. */
    private JsonNode replay(String frame, String family) {
        WirePeer attacker = world.wire();
        attacker.await("connected");
        attacker.send(frame);
        String uuid = attacker.await(family + "_wait").get("uuid").asText();
        return attacker.awaitAnswer(uuid);
    }

    @Test
    void aCapturedSigningRequestSentAgain_isRefusedByTheWallet_andNothingIsBroadcastTwice() {
        aliceIsLoggedInThroughTheRecorder(new ServicePolicy(true));
        SignResult original = Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "only-once")).build()));

        JsonNode answer = replay(captured("sign_req"), "sign");

        assertThat(answer.get("cmd").asText()).isEqualTo("sign_err");
        assertThat(ErrorText.read(answer.get("error").asText(), auth.authKey()))
                .contains("is not greater than the last one accepted").contains("refused as a replay");
        assertThat(world.chain().accepted()).extracting(tx -> tx.id()).containsExactly(original.txid());
        assertThat(world.chain().refused()).as("the wallet did not even try").isEmpty();
    }

    @Test
    void aReplaySentWhileTheOriginalAwaitsApproval_isRefusedAtOnce_andTheOriginalStillGoesThrough() {
        ManualApproval user = new ManualApproval();
        aliceIsLoggedInThroughTheRecorder(user);
        CompletableFuture<SignResult> original = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "held")).build());
        ManualApproval.Question question = user.next(); // the nonce is recorded before the user is asked

        JsonNode answer = replay(captured("sign_req"), "sign");
        question.approve();
        String txid = Awaited.value(original).txid();

        assertThat(answer.get("cmd").asText()).isEqualTo("sign_err");
        assertThat(user.asked()).as("the copy never reached the user").isEqualTo(2); // the login, then the original
        assertThat(world.chain().accepted()).extracting(tx -> tx.id()).containsExactly(txid);
    }

    @Test
    void aCapturedChallengeSentAgain_isRefusedByTheWallet() {
        aliceIsLoggedInThroughTheRecorder(new ServicePolicy(true));
        Awaited.value(app.challenge(ChallengeRequest.newBuilder(auth).keyType(KeyType.POSTING).text("sign me once")
                .build()));

        JsonNode answer = replay(captured("challenge_req"), "challenge");

        assertThat(answer.get("cmd").asText()).isEqualTo("challenge_err");
        assertThat(ErrorText.read(answer.get("error").asText(), auth.authKey())).contains("refused as a replay");
    }
}
