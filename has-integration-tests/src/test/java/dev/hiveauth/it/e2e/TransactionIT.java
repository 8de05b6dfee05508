package dev.hiveauth.it.e2e;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.RequestAccepted;
import dev.hiveauth.app.SignRequest;
import static dev.hiveauth.it.fixture.HiveAuthWorld.PAST_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hiveauth.app.Auth;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.RequestExpiredException;
import dev.hiveauth.app.RequestFailedException;
import dev.hiveauth.app.RequestRefusedException;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.pksa.SigningRules;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.chain.OperationType;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.AcceptedTransaction;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transactions end to end: an application logged in to alice's service wallet asks it to sign operations; the
 * wallet builds the transaction on the fake node's head block, signs it and broadcasts it (or hands it back),
 * and the fake node checks it as hived would — signatures, authorities, TaPoS, expiration — before accepting it.
 */
class TransactionIT {
    private static final String SECRET = "transactions secret";

    private final HiveAuthWorld world = HiveAuthWorld.start();

    @AfterEach
    void close() {
        world.close();
    }

    private Pksa.Builder serviceWallet() {
        return world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true));
    }

    private Auth loggedIn(HasClient app) {
        return Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app(new AuthReqData.App("it.example"))
                .build())).auth();
    }

    @Test
    void aVoteTheWalletBroadcastIsOnChainUnderTheIdTheAppReceived() {
        world.online(serviceWallet());
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = loggedIn(app);
        ArrayNode vote = OperationsJson.vote("alice", "bob", "a-fine-post");

        SignResult signed = Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(vote).build()));

        assertThat(signed.broadcast()).isTrue();
        assertThat(world.chain().accepted()).singleElement().satisfies(onChain -> {
            assertThat(onChain.id()).isEqualTo(signed.txid());
            assertThat(onChain.operations()).containsExactly(Operation.fromJson(vote.get(0)));
            assertThat(onChain.signers()).containsExactly(world.alice().posting().publicKey());
        });
    }

    @Test
    void aSignOnlyRequestReturnsTheSignedTransaction_whichTheAppBroadcastsItself() {
        world.online(serviceWallet());
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = loggedIn(app);
        ArrayNode vote = OperationsJson.vote("alice", "bob", "signed-not-sent");

        SignResult signed = Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(vote).broadcast(false).build()));
        assertThat(signed.broadcast()).isFalse();
        assertThat(signed.txid()).isNull();
        assertThat(world.chain().accepted()).as("the wallet did not broadcast").isEmpty();

        SignedTransaction transaction = SignedTransaction.fromJson(signed.signedTransaction());
        String id = Awaited.value(world.hive().broadcastTransaction(transaction));

        AcceptedTransaction onChain = world.chain().accepted(id).orElseThrow();
        assertThat(onChain.transaction()).isEqualTo(transaction);
        assertThat(onChain.signers()).containsExactly(world.alice().posting().publicKey());
    }

    @Test
    void aTransferNeedsTheActiveKey_whichTheWalletDoesNotUseByDefault_soTheAppHearsNothingAndExpires() {
        world.online(serviceWallet());
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = loggedIn(app);
        CompletableFuture<RequestAccepted> waiting = new CompletableFuture<>();

        CompletableFuture<SignResult> transfer = app.sign(SignRequest.newBuilder(auth).keyType(KeyType.ACTIVE)
                .operations(OperationsJson.transfer("alice", "bob", "1.000 HIVE")).onWait(waiting::complete).build());
        Awaited.value(waiting);
        world.advance(PAST_EXPIRY);

        assertThat(Awaited.failure(transfer)).isInstanceOf(RequestExpiredException.class);
        assertThat(world.chain().accepted()).isEmpty();
    }

    @Test
    void aWalletAllowedToUseTheActiveKeySignsTheTransfer_andTheChainFindsTheActiveAuthority() {
        world.online(serviceWallet().rules(new SigningRules(true, null, true)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = loggedIn(app);

        SignResult signed = Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.ACTIVE)
                .operations(OperationsJson.transfer("alice", "bob", "1.000 HIVE")).build()));

        AcceptedTransaction onChain = world.chain().accepted(signed.txid()).orElseThrow();
        assertThat(onChain.signers()).containsExactly(world.alice().active().publicKey());
        assertThat(onChain.operations()).extracting(Operation::type).containsExactly(OperationType.TRANSFER);
    }

    @Test
    void aTransferAskedWithThePostingKeyFails_andTheWalletSaysWhy() {
        world.online(serviceWallet().rules(new SigningRules(true, null, true)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = loggedIn(app);

        Throwable failed = Awaited.failure(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.transfer("alice", "bob", "1.000 HIVE")).build()));

        // sign_err travels encrypted with the auth_key; the app reads the wallet's own words
        assertThat(failed).isInstanceOfSatisfying(RequestFailedException.class,
                error -> assertThat(error.error()).contains("needs the active authority of alice"));
        assertThat(world.chain().accepted()).isEmpty();
    }

    @Test
    void anOperationOutsideTheAllowListIsRefused_whileAnAllowedOneGoesThrough() {
        world.online(serviceWallet().rules(new SigningRules(false, EnumSet.of(OperationType.VOTE), true))
                .rejectUnapproved(Family.SIGN));
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = loggedIn(app);

        Throwable refused = Awaited.failure(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.customJson("alice", "follow", "[\"follow\",{\"follower\":\"alice\"}]"))
                .build()));
        SignResult vote = Awaited.value(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "allowed")).build()));

        assertThat(refused).isInstanceOf(RequestRefusedException.class);
        assertThat(world.chain().accepted()).extracting(AcceptedTransaction::id).containsExactly(vote.txid());
    }

    @Test
    void theChainRefusesAVoteForAnotherAccount_andTheAppGetsTheNodesReason() {
        world.online(serviceWallet());
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        Auth auth = loggedIn(app);

        // the wallet signs it (another account's authority is the chain's to judge) and the node refuses it
        Throwable failed = Awaited.failure(app.sign(SignRequest.newBuilder(auth).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("bob", "alice", "not-yours")).build()));

        assertThat(failed).isInstanceOfSatisfying(RequestFailedException.class, error -> assertThat(error.error())
                .startsWith("the Hive node refused the transaction").contains("missing required posting authority"));
        assertThat(world.chain().accepted()).isEmpty();
        assertThat(world.chain().refused()).hasSize(1);
    }
}
