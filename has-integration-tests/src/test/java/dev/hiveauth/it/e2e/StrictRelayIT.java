package dev.hiveauth.it.e2e;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.ChallengeRequest;
import dev.hiveauth.app.ChallengeResult;
import dev.hiveauth.app.SignRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.app.AccountKeyLookup;
import dev.hiveauth.app.Auth;
import dev.hiveauth.app.ChallengeVerifier;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.RequestFailedException;
import dev.hiveauth.app.RequestRefusedException;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.ManualApproval;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A relay in strict mode refuses every wallet reply without a proof of key. The wallet library proves every
 * answer — approvals, refusals and errors alike — so everything works through it as through a compat relay.
 */
class StrictRelayIT {
    private final HiveAuthWorld world = HiveAuthWorld.strict();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void everyAnswerOfTheWalletLibraryCarriesAProof_soAStrictRelayRelaysThemAll() {
        ManualApproval user = new ManualApproval();
        Pksa wallet = world.open(world.wallet(world.alice()).policy(user));
        HasClient app = world.open(world.app());
        Auth auth = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("it.example")).onWait(prompt -> wallet.acceptPayload(prompt.uri())).build()))
                .auth();

        CompletableFuture<SignResult> vote = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "strict")).build());
        user.next().approve();
        CompletableFuture<SignResult> refused = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "no")).build());
        user.next().reject();
        CompletableFuture<ChallengeResult> challenge = app.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.ACTIVE).text("strictly alice").build());
        user.next().approve();
        CompletableFuture<SignResult> failed = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.transfer("alice", "bob", "1.000 HIVE")).build());

        assertThat(world.chain().accepted(Awaited.value(vote).txid())).isPresent();
        assertThat(Awaited.failure(refused)).isInstanceOf(RequestRefusedException.class);
        ChallengeVerifier verifier = new ChallengeVerifier(AccountKeyLookup.onChain(world.hive()));
        assertThat(Awaited.value(verifier.verify("alice", KeyType.ACTIVE, "strictly alice", Awaited.value(challenge))))
                .isEqualTo(world.alice().active().publicKey());
        assertThat(Awaited.failure(failed)).isInstanceOf(RequestFailedException.class);
        assertThat(world.requests("sign", "approved") + world.requests("sign", "refused") + world.requests("sign", "failed"))
                .isEqualTo(3);
    }
}
