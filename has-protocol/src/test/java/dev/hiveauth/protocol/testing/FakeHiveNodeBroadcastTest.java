package dev.hiveauth.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.chain.Authority;
import dev.hiveauth.protocol.chain.ChainId;
import dev.hiveauth.protocol.chain.DynamicGlobalProperties;
import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.chain.Transaction;
import dev.hiveauth.protocol.chain.TransactionBuilder;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.chain.rpc.HiveRpcException;
import dev.hiveauth.protocol.chain.rpc.TransactionStatus;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.Signature;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * broadcast_transaction through HiveClient: what a node accepts and records, and each way it refuses,
 * with hived's messages.
 */
class FakeHiveNodeBroadcastTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli());
    private FakeHiveNode node;
    private HiveClient client;
    private AccountKeys alice;
    private AccountKeys bob;

    @BeforeEach
    void startNode() {
        node = FakeHiveNode.start(clock);
        client = HiveClient.builder().node(node.uri()).httpClient(HTTP).build();
        alice = node.createAccount("alice");
        bob = node.createAccount("bob");
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    @Test
    void aTransferSignedWithTheActiveKeyIsAcceptedRecordedAndFindable() {
        DynamicGlobalProperties head = client.getDynamicGlobalProperties().join();
        SignedTransaction transfer = TransactionBuilder.on(head).add(transfer("alice", "bob")).sign(alice.active());

        String id = client.broadcastTransaction(transfer).join();

        AcceptedTransaction accepted = node.chain().accepted(id).orElseThrow();
        assertThat(id).isEqualTo(transfer.id());
        assertThat(node.accepted()).containsExactly(accepted);
        assertThat(accepted.operations()).containsExactly(transfer("alice", "bob"));
        assertThat(accepted.json()).isEqualTo(transfer.toJson());
        assertThat(accepted.blockNumber()).isEqualTo(head.headBlockNumber() + 1);
        assertThat(accepted.signers()).containsExactly(alice.active().publicKey());
        assertThat(node.awaitAccepted(id)).isEqualTo(accepted);
        assertThat(client.findTransaction(id).join()).isEqualTo(TransactionStatus.WITHIN_MEMPOOL);
        clock.advance(Duration.ofSeconds(3));
        assertThat(client.findTransaction(id).join()).isEqualTo(TransactionStatus.WITHIN_REVERSIBLE_BLOCK);
        node.chain().produceBlocks(20);
        assertThat(client.findTransaction(id).join()).isEqualTo(TransactionStatus.WITHIN_IRREVERSIBLE_BLOCK);
    }

    @Test
    void aTransferSignedWithThePostingKeyMissesTheActiveAuthority() {
        HiveRpcException refusal = refused(sign(transfer("alice", "bob"), alice.posting()));

        assertThat(refusal.code()).isEqualTo(-32000);
        assertThat(refusal.nodeMessage()).isEqualTo("missing required active authority:Missing Active Authority alice");
        assertThat(refusal.data().orElseThrow().get("name").asText()).isEqualTo("tx_missing_active_auth");
        assertThat(node.accepted()).isEmpty();
        assertThat(node.chain().refused()).extracting(RefusedTransaction::message).containsExactly(refusal.nodeMessage());
    }

    @Test
    void higherKeysSignForLowerAuthorities() {
        accepted(sign(vote("alice", "first"), alice.active()));
        accepted(sign(vote("alice", "second"), alice.owner()));
        accepted(sign(transfer("alice", "bob"), alice.owner()));
    }

    @Test
    void lowerKeysDoNotSignForHigherAuthorities() {
        Operation changeRecovery = Operation.fromJson("[\"change_recovery_account\",{\"account_to_recover\":\"alice\","
                + "\"new_recovery_account\":\"bob\",\"extensions\":[]}]");

        assertThat(refused(sign(changeRecovery, alice.active())).nodeMessage())
                .isEqualTo("missing required owner authority:Missing Owner Authority alice");
        assertThat(refused(sign(vote("alice", "post"), bob.posting())).nodeMessage())
                .isEqualTo("missing required posting authority:Missing Posting Authority alice");
        accepted(sign(changeRecovery, alice.owner()));
    }

    @Test
    void anUnknownAccountIsRefused() {
        assertThat(refused(sign(vote("carol", "post"), alice.posting())).nodeMessage())
                .isEqualTo("unknown key:unknown account carol");
    }

    @Test
    void anExpiredTransactionIsRefused() {
        SignedTransaction vote = sign(vote("alice", "post"), alice.posting());
        clock.advance(Duration.ofSeconds(60));

        assertThat(refused(vote).nodeMessage()).startsWith("transaction expiration exception:expiration time is in the past");
    }

    @Test
    void anExpirationMoreThanAnHourAheadIsRefusedAndOneHourIsNot() {
        DynamicGlobalProperties head = node.chain().headBlock();
        Transaction tooFar = Transaction.of(head.refBlockNum(), head.refBlockPrefix(),
                head.time().plus(Duration.ofHours(1)).plusSeconds(1), List.of(vote("alice", "post")));

        HiveRpcException refusal = refused(tooFar.sign(ChainId.MAINNET, alice.posting()));

        assertThat(refusal.nodeMessage()).startsWith("transaction expiration exception:expiration time is too far in the future");
        assertThat(refusal.data().orElseThrow().get("name").asText()).isEqualTo("transaction_expiration_exception");
        accepted(TransactionBuilder.on(head).add(vote("alice", "post")).expiresIn(Duration.ofHours(1)).sign(alice.posting()));
    }

    @Test
    void aWrongRefBlockPrefixFailsTapos() {
        DynamicGlobalProperties head = node.chain().headBlock();
        Transaction wrongPrefix = Transaction.of(head.refBlockNum(), (head.refBlockPrefix() + 1) & 0xFFFF_FFFFL,
                head.time().plusSeconds(60), List.of(vote("alice", "post")));

        assertThat(refused(wrongPrefix.sign(ChainId.MAINNET, alice.posting())).nodeMessage())
                .startsWith("transaction tapos exception:");
    }

    @Test
    void aBlockOutsideTheLast65536FailsTapos() {
        DynamicGlobalProperties head = node.chain().headBlock();
        Instant afterThoseBlocks = head.time().plus(BlockSchedule.INTERVAL.multipliedBy(65536));
        Transaction old = Transaction.of(head.refBlockNum(), head.refBlockPrefix(), afterThoseBlocks.plusSeconds(60),
                List.of(vote("alice", "post")));
        // 65536 blocks later the same ref_block_num names a newer block, whose id differs
        node.chain().produceBlocks(65536);

        assertThat(refused(old.sign(ChainId.MAINNET, alice.posting())).nodeMessage())
                .startsWith("transaction tapos exception:");
    }

    @Test
    void aBlockTheChainHasNotReachedFailsTapos() {
        FakeHiveChain young = new FakeHiveChain(clock, ChainSettings.DEFAULT.withFirstBlock(100));
        AccountKeys carol = young.createAccount("carol");
        Transaction future = Transaction.of(5000, BlockSchedule.prefix(5000), young.headBlock().time().plusSeconds(60),
                List.of(vote("carol", "post")));

        Throwable refusal = catchThrowable(() -> young.broadcast(future.sign(ChainId.MAINNET, carol.posting()).toJson()));

        assertThat(refusal).isInstanceOf(NodeError.class).hasMessageStartingWith("transaction tapos exception:");
    }

    @Test
    void theSameTransactionTwiceIsADuplicateUntilItExpires() {
        SignedTransaction vote = sign(vote("alice", "post"), alice.posting());
        accepted(vote);

        assertThat(refused(vote).nodeMessage()).isEqualTo("Assert Exception:(skip & skip_transaction_dupe_check) || "
                + "trx_idx.indices().get<by_trx_id>().find(trx_id) == trx_idx.indices().get<by_trx_id>().end(): "
                + "Duplicate transaction check failed");
        clock.advance(Duration.ofSeconds(60));
        assertThat(refused(vote).nodeMessage()).startsWith("transaction expiration exception:");
    }

    @Test
    void aSignatureNoAuthorityNeededIsIrrelevant() {
        HiveRpcException otherAccount = refused(sign(vote("alice", "a"), alice.posting(), bob.posting()));
        // posting satisfies the vote first, so alice's active signature is never counted
        HiveRpcException higherKeyToo = refused(sign(vote("alice", "b"), alice.posting(), alice.active()));

        assertThat(otherAccount.nodeMessage()).isEqualTo("irrelevant signature included:Unnecessary signature(s) detected");
        assertThat(higherKeyToo.nodeMessage()).isEqualTo(otherAccount.nodeMessage());
        assertThat(otherAccount.data().orElseThrow().get("stack").get(0).get("data").get("unused_keys").get(0).asText())
                .isEqualTo(bob.posting().publicKey().toString());
    }

    @Test
    void aCustomJsonNeedingActiveAndPostingAuthoritiesNeedsBothSignatures() {
        Operation both = Operation.fromJson("[\"custom_json\",{\"required_auths\":[\"alice\"],"
                + "\"required_posting_auths\":[\"bob\"],\"id\":\"game\",\"json\":\"{\\\"move\\\":1}\"}]");

        assertThat(refused(sign(both, alice.active())).nodeMessage())
                .isEqualTo("missing required posting authority:Missing Posting Authority bob");
        assertThat(refused(sign(both, bob.posting())).nodeMessage())
                .isEqualTo("missing required active authority:Missing Active Authority alice");
        AcceptedTransaction accepted = accepted(sign(both, alice.active(), bob.posting()));
        assertThat(accepted.signers()).containsExactlyInAnyOrder(alice.active().publicKey(), bob.posting().publicKey());
    }

    @Test
    void anAccountInPostingAccountAuthsSignsWithItsPostingKey() {
        HiveAccount carol = AccountKeys.of("carol").toAccount();
        node.chain().addAccount(new HiveAccount("carol", carol.owner(), carol.active(),
                Authority.of(1, Map.of("alice", 1), carol.posting().keyAuths()), carol.memoKey()));

        accepted(sign(vote("carol", "post"), alice.posting()));
        // posting authority lends posting: alice's active key is not in alice's posting authority
        assertThat(refused(sign(vote("carol", "other"), alice.active())).nodeMessage())
                .isEqualTo("missing required posting authority:Missing Posting Authority carol");
    }

    @Test
    void accountAuthsAreFollowedTwoLevelsDeepAndNoFurther() {
        delegatePosting("carol", "alice");
        delegatePosting("dave", "carol");
        delegatePosting("erin", "dave");

        accepted(sign(vote("dave", "post"), alice.posting()));
        assertThat(refused(sign(vote("erin", "post"), alice.posting())).nodeMessage())
                .isEqualTo("missing required posting authority:Missing Posting Authority erin");
    }

    @Test
    void aMultisigAuthorityNeedsItsThresholdAndNoMore() {
        PrivateKey one = PrivateKey.fromSeed("one");
        PrivateKey two = PrivateKey.fromSeed("two");
        PrivateKey three = PrivateKey.fromSeed("three");
        HiveAccount fund = AccountKeys.of("fund").toAccount();
        node.chain().addAccount(new HiveAccount("fund", fund.owner(), Authority.of(2, Map.of(),
                Map.of(one.publicKey(), 1, two.publicKey(), 1, three.publicKey(), 1)), fund.posting(), fund.memoKey()));

        assertThat(refused(sign(transfer("fund", "bob"), one)).nodeMessage())
                .isEqualTo("missing required active authority:Missing Active Authority fund");
        assertThat(refused(sign(transfer("fund", "bob"), one, two, three)).nodeMessage())
                .startsWith("irrelevant signature included:");
        accepted(sign(transfer("fund", "bob"), one, three));
    }

    @Test
    void afterAKeyRotationTheOldKeyNoLongerSigns() {
        AccountKeys rotated = AccountKeys.fromPassword("alice", "a new master password");
        node.chain().updateKeys(rotated);

        assertThat(refused(sign(vote("alice", "post"), alice.posting())).nodeMessage())
                .isEqualTo("missing required posting authority:Missing Posting Authority alice");
        accepted(sign(vote("alice", "post"), rotated.posting()));
        assertThat(client.getAccounts(List.of("alice")).join()).containsExactly(rotated.toAccount());
    }

    @Test
    void anInvalidOperationIsRefusedWithTheChainPackagesReason() {
        ObjectNode transaction = sign(transfer("alice", "bob"), alice.active()).toJson();
        ((ObjectNode) transaction.get("operations").get(0).get(1)).put("amount", "1.0000 HIVE");

        Throwable refusal = catchThrowable(() ->
                client.call("condenser_api.broadcast_transaction", new ObjectMapper().createArrayNode().add(transaction)).join());

        assertThat(refusal.getCause()).isInstanceOf(HiveRpcException.class)
                .hasMessageContaining("Assert Exception:transaction.operations[0].transfer.amount:")
                .hasMessageContaining("4 decimals");
    }

    @Test
    void aHighSSignatureIsNotCanonicalAndARepeatedOneIsADuplicate() {
        SignedTransaction vote = sign(vote("alice", "post"), alice.posting());
        byte[] low = vote.signatures().get(0).toBytes();
        BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        byte[] high = low.clone();
        byte[] highS = n.subtract(new BigInteger(1, Arrays.copyOfRange(low, 33, 65))).toByteArray();
        System.arraycopy(highS, highS.length - 32, high, 33, 32);
        high[0] = (byte) (31 + (((low[0] - 27) & 3) ^ 1));
        SignedTransaction highSigned = SignedTransaction.of(vote.transaction(),
                List.of(Signature.fromBytes(high)));
        SignedTransaction twice = SignedTransaction.of(vote.transaction(), List.of(vote.signatures().get(0),
                vote.signatures().get(0)));

        assertThat(refused(highSigned).nodeMessage())
                .isEqualTo("Assert Exception:is_canonical( c, canon_type ): signature is not canonical");
        assertThat(refused(twice).nodeMessage()).isEqualTo("duplicate signature included:Duplicate Signature detected");
    }

    @Test
    void aSignatureForAnotherChainRecoversAnotherKey() {
        ChainId testnet = ChainId.fromHex("18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e");
        SignedTransaction vote = TransactionBuilder.on(node.chain().headBlock()).add(vote("alice", "post"))
                .chainId(testnet).sign(alice.posting());

        assertThat(refused(vote).nodeMessage()).startsWith("missing required posting authority:");
    }

    @Test
    void aTransactionAcceptedByOneNodeIsADuplicateOnAnotherNodeOfTheSameChain() {
        SignedTransaction vote = sign(vote("alice", "post"), alice.posting());
        accepted(vote);
        try (FakeHiveNode second = FakeHiveNode.start(node.chain())) {
            HiveClient secondClient = HiveClient.builder().node(second.uri()).httpClient(HTTP).build();

            Throwable refusal = catchThrowable(() -> secondClient.broadcastTransaction(vote).join());

            assertThat(refusal.getCause()).hasMessageContaining("Duplicate transaction check failed");
        }
    }

    @Test
    void findTransactionTellsExpiredAndTooOldTransactionsFromUnknownOnes() {
        String unknown = "00112233445566778899aabbccddeeff00112233";
        Instant headTime = node.chain().headBlock().time();

        assertThat(client.findTransaction(unknown).join()).isEqualTo(TransactionStatus.UNKNOWN);
        assertThat(client.findTransaction(unknown, headTime.plusSeconds(30)).join()).isEqualTo(TransactionStatus.UNKNOWN);
        assertThat(client.findTransaction(unknown, headTime).join()).isEqualTo(TransactionStatus.EXPIRED_REVERSIBLE);
        assertThat(client.findTransaction(unknown, headTime.minusSeconds(3600)).join())
                .isEqualTo(TransactionStatus.EXPIRED_IRREVERSIBLE);
        assertThat(client.findTransaction(unknown, headTime.minus(Duration.ofDays(30))).join())
                .isEqualTo(TransactionStatus.TOO_OLD);
    }

    private SignedTransaction sign(Operation operation, PrivateKey... keys) {
        return TransactionBuilder.on(client.getDynamicGlobalProperties().join()).add(operation).sign(keys);
    }

    private AcceptedTransaction accepted(SignedTransaction transaction) {
        String id = client.broadcastTransaction(transaction).join();
        return node.chain().accepted(id).orElseThrow();
    }

    private HiveRpcException refused(SignedTransaction transaction) {
        Throwable thrown = catchThrowable(() -> client.broadcastTransaction(transaction).join());
        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(HiveRpcException.class);
        return (HiveRpcException) thrown.getCause();
    }

    /** Creates {@code name} whose posting authority is {@code delegate}'s approval alone. */
    private void delegatePosting(String name, String delegate) {
        HiveAccount keys = AccountKeys.of(name).toAccount();
        node.chain().addAccount(new HiveAccount(name, keys.owner(), keys.active(),
                Authority.of(1, Map.of(delegate, 1), Map.of()), keys.memoKey()));
    }

    private static Operation vote(String voter, String permlink) {
        return Operation.fromJson("[\"vote\",{\"voter\":\"" + voter + "\",\"author\":\"bob\",\"permlink\":\""
                + permlink + "\",\"weight\":10000}]");
    }

    private static Operation transfer(String from, String to) {
        return Operation.fromJson("[\"transfer\",{\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"amount\":\"1.000 HIVE\",\"memo\":\"thanks\"}]");
    }
}
