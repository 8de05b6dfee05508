package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.pksa.fixtures.PksaFixture;
import dev.hiveauth.pksa.fixtures.TestAccount;
import dev.hiveauth.protocol.chain.ChainId;
import dev.hiveauth.protocol.chain.OperationType;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignErr;
import dev.hiveauth.protocol.message.SignNack;
import dev.hiveauth.protocol.message.SignReq;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.payload.ErrorText;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.NackData;
import dev.hiveauth.protocol.payload.SignReqData;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** sign_req against a real relay and the fake node: broadcast, sign-only, nonces, operation checks, rules, errors. */
class SigningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOTE = "[[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"hello\",\"weight\":10000}]]";
    private static final String TRANSFER =
            "[[\"transfer\",{\"from\":\"alice\",\"to\":\"bob\",\"amount\":\"1.000 HIVE\",\"memo\":\"thanks\"}]]";

    private PksaFixture given;
    private String authKey;
    private long nonce = 1_700_000_000_000L;

    private void wallet(Consumer<Pksa.Builder> settings) throws Exception {
        given = PksaFixture.start(settings).connected("alice", "bob");
        authKey = given.granted("alice", "peakd.com");
    }

    private void wallet() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)));
    }

    @AfterEach
    void stop() throws Exception {
        if (given != null) {
            given.close();
        }
    }

    private static JsonNode ops(String json) throws Exception {
        return JSON.readTree(json);
    }

    private Wait sign(KeyType keyType, String ops, boolean broadcast, Long withNonce) throws Exception {
        SignReqData data = new SignReqData(keyType, ops(ops), broadcast, withNonce);
        return given.app.send(new SignReq("alice", data.encrypt(authKey), null));
    }

    private Wait sign(KeyType keyType, String ops, boolean broadcast) throws Exception {
        return sign(keyType, ops, broadcast, ++nonce);
    }

    private String errorOf(Reply reply) {
        assertThat(reply).isInstanceOf(SignErr.class);
        return ErrorText.read(((SignErr) reply).error(), authKey);
    }

    @Test
    void broadcastsAndAnswersTheTransactionId() throws Exception {
        wallet();

        Wait wait = sign(KeyType.POSTING, VOTE, true);
        Reply reply = given.app.replyTo(wait.uuid());

        assertThat(reply).isInstanceOf(SignAck.class);
        SignAck ack = (SignAck) reply;
        assertThat(ack.broadcast()).isTrue();
        assertThat(given.node.accepted()).singleElement().satisfies(tx -> {
            assertThat(ack.txid()).isEqualTo(tx.id());
            assertThat(tx.recoverSigners(ChainId.MAINNET)).containsExactly(TestAccount.ALICE.posting().publicKey());
            assertThat(tx.transaction().operations()).singleElement()
                    .satisfies(op -> assertThat(op.type()).isEqualTo(OperationType.VOTE));
        });
    }

    @Test
    void signsWithoutBroadcastingAndAnswersTheSignedTransaction() throws Exception {
        wallet();

        Wait wait = sign(KeyType.POSTING, VOTE, false);
        SignAck ack = (SignAck) given.app.replyTo(wait.uuid());

        assertThat(ack.broadcast()).isFalse();
        assertThat(ack.txid()).isNull();
        SignedTransaction signed = SignedTransaction.fromJson(ack.data());
        assertThat(signed.recoverSigners(ChainId.MAINNET)).containsExactly(TestAccount.ALICE.posting().publicKey());
        assertThat(signed.transaction().expiration()).isAfter(given.clock.instant());
        assertThat(given.node.accepted()).isEmpty();
    }

    @Test
    void theLastNonceIsRecorded() throws Exception {
        wallet();

        Wait wait = sign(KeyType.POSTING, VOTE, false, 1_800_000_000_000L);
        given.app.replyTo(wait.uuid());

        assertThat(given.auths.auths("alice")).singleElement()
                .satisfies(auth -> assertThat(auth.nonce()).isEqualTo(1_800_000_000_000L));
    }

    @Test
    void aReplayedNonceIsRefused() throws Exception {
        wallet();
        SignReqData data = new SignReqData(KeyType.POSTING, ops(VOTE), true, 1_800_000_000_000L);
        String sameData = data.encrypt(authKey);

        Wait first = given.app.send(new SignReq("alice", sameData, null));
        assertThat(given.app.replyTo(first.uuid())).isInstanceOf(SignAck.class);
        Wait replay = given.app.send(new SignReq("alice", sameData, null));

        assertThat(errorOf(given.app.replyTo(replay.uuid()))).contains("not greater than the last one");
        assertThat(given.node.accepted()).hasSize(1);
    }

    @Test
    void aSmallerNonceIsRefused() throws Exception {
        wallet();
        given.app.replyTo(sign(KeyType.POSTING, VOTE, false, 5_000L).uuid());

        Wait older = sign(KeyType.POSTING, VOTE, false, 4_999L);

        assertThat(errorOf(given.app.replyTo(older.uuid()))).contains("nonce 4999 is not greater than the last one accepted (5000)");
    }

    @Test
    void aRequestWithoutNonceIsRefused() throws Exception {
        wallet();

        Wait wait = sign(KeyType.POSTING, VOTE, true, null);

        assertThat(errorOf(given.app.replyTo(wait.uuid()))).contains("no nonce");
        assertThat(given.node.accepted()).isEmpty();
    }

    @Test
    void anActiveOperationCannotBeSignedWithThePostingKey() throws Exception {
        wallet();

        Wait wait = sign(KeyType.POSTING, TRANSFER, true);

        assertThat(errorOf(given.app.replyTo(wait.uuid())))
                .isEqualTo("ops[0] transfer: needs the active authority of alice: it cannot be signed with the "
                        + "posting key (ask with key_type \"active\")");
    }

    @Test
    void anUnknownOperationIsAnError() throws Exception {
        wallet();

        Wait wait = sign(KeyType.POSTING, "[[\"fly_to_the_moon\",{\"who\":\"alice\"}]]", true);

        assertThat(errorOf(given.app.replyTo(wait.uuid()))).contains("unknown operation \"fly_to_the_moon\"");
    }

    @Test
    void anInvalidOperationIsAnError() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)).rules(new SigningRules(true, null, true)));

        Wait wait = sign(KeyType.ACTIVE, TRANSFER.replace("1.000 HIVE", "1.0000 HIVE"), true);

        assertThat(errorOf(given.app.replyTo(wait.uuid()))).startsWith("ops[0]: transfer.amount");
    }

    @Test
    void invalidSignReqDataIsAnError() throws Exception {
        wallet();
        String data = dev.hiveauth.protocol.crypto.CryptoJsAes.encrypt(
                "{\"key_type\":\"owner\",\"ops\":[],\"broadcast\":true,\"nonce\":5}", authKey);

        Wait wait = given.app.send(new SignReq("alice", data, null));

        assertThat(errorOf(given.app.replyTo(wait.uuid()))).startsWith("invalid sign_req_data");
    }

    @Test
    void activeKeyOperationsAreNotSignedByDefault() throws Exception {
        wallet();

        sign(KeyType.ACTIVE, TRANSFER, true);

        given.assertNothingAnswered();
        assertThat(given.node.accepted()).isEmpty();
    }

    @Test
    void withSignReqRejectActiveKeyOperationsAreNacked() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)).rejectUnapproved(Family.SIGN));

        Wait wait = sign(KeyType.ACTIVE, TRANSFER, true);
        Reply reply = given.app.replyTo(wait.uuid());

        assertThat(reply).isInstanceOf(SignNack.class);
        assertThat(NackData.confirms(((SignNack) reply).data(), wait.uuid(), authKey)).isTrue();
    }

    @Test
    void activeKeyOperationsAreSignedWhenEnabled() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)).rules(new SigningRules(true, null, true)));

        Wait wait = sign(KeyType.ACTIVE, TRANSFER, true);
        SignAck ack = (SignAck) given.app.replyTo(wait.uuid());

        assertThat(given.node.accepted()).singleElement().satisfies(tx -> {
            assertThat(tx.id()).isEqualTo(ack.txid());
            assertThat(tx.recoverSigners(ChainId.MAINNET)).containsExactly(TestAccount.ALICE.active().publicKey());
        });
    }

    @Test
    void operationsOutsideTheAllowListAreNotSigned() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE))
                .rules(new SigningRules(false, Set.of(OperationType.CUSTOM_JSON), true)));

        sign(KeyType.POSTING, VOTE, true);

        given.assertNothingAnswered();
        assertThat(given.node.accepted()).isEmpty();
    }

    @Test
    void signOnlyCanBeDisabled() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.APPROVE)).rules(new SigningRules(false, null, false))
                .rejectUnapproved(Family.SIGN));

        Wait wait = sign(KeyType.POSTING, VOTE, false);

        assertThat(given.app.replyTo(wait.uuid())).isInstanceOf(SignNack.class);
    }

    @Test
    void aRefusalIsNacked() throws Exception {
        wallet(b -> b.policy(ApprovalPolicy.always(Decision.REJECT)));

        Wait wait = sign(KeyType.POSTING, VOTE, true);
        SignNack nack = (SignNack) given.app.replyTo(wait.uuid());

        assertThat(NackData.confirms(nack.data(), wait.uuid(), authKey)).isTrue();
        assertThat(given.node.accepted()).isEmpty();
    }

    @Test
    void thePolicySeesTheApplicationAndTheValidatedOperations() throws Exception {
        java.util.List<ApprovalRequest> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        wallet(b -> b.policy(request -> {
            asked.add(request);
            return CompletableFuture.completedFuture(Decision.REJECT);
        }));

        Wait wait = sign(KeyType.POSTING, VOTE, false);
        given.app.replyTo(wait.uuid());

        assertThat(asked).singleElement().isInstanceOfSatisfying(SignApproval.class, approval -> {
            assertThat(approval.account()).isEqualTo("alice");
            assertThat(approval.app()).isEqualTo("peakd.com");
            assertThat(approval.keyType()).isEqualTo(KeyType.POSTING);
            assertThat(approval.broadcast()).isFalse();
            assertThat(approval.expire()).isEqualTo(wait.expire());
            assertThat(approval.operations()).singleElement()
                    .satisfies(op -> assertThat(op.string("permlink")).isEqualTo("hello"));
        });
    }

    @Test
    void aBroadcastTheNodeRefusesIsAnError() throws Exception {
        wallet();
        given.node.refuseBroadcasts("missing required posting authority:Missing Posting Authority alice");

        Wait wait = sign(KeyType.POSTING, VOTE, true);

        assertThat(errorOf(given.app.replyTo(wait.uuid())))
                .isEqualTo("the Hive node refused the transaction: missing required posting authority:Missing "
                        + "Posting Authority alice");
    }

    @Test
    void aRequestNoStoredAuthenticationOpensIsIgnored() throws Exception {
        wallet();
        SignReqData data = new SignReqData(KeyType.POSTING, ops(VOTE), true, 5L);

        given.app.send(new SignReq("alice", data.encrypt(UUID.randomUUID().toString()), null));

        given.assertNothingAnswered();
    }

    @Test
    void anApprovalThatComesAfterTheRequestExpiredSignsNothing() throws Exception {
        CompletableFuture<Decision> late = new CompletableFuture<>();
        wallet(b -> b.policy(request -> request instanceof SignApproval ? late : CompletableFuture.completedFuture(Decision.APPROVE)));
        sign(KeyType.POSTING, VOTE, true);
        await().atMost(PksaFixture.SHORT).until(() -> given.auths.auths("alice").get(0).nonce() != null);

        given.clock.advance(Duration.ofSeconds(61)); // the wallet's clock: the request is now expired
        late.complete(Decision.APPROVE);
        given.serverClock.advance(Duration.ofSeconds(61));

        given.assertNothingAnswered();
        assertThat(given.node.accepted()).isEmpty();
    }
}
