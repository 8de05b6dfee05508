package dev.hiveauth.protocol.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.protocol.crypto.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionBuilderTest {
    /** The devportal condenser_api example block (hive-crypto-notes §5.5). */
    private static final DynamicGlobalProperties HEAD =
            new DynamicGlobalProperties(1097, "00000449f7860b82b4fbe2f317c670e9f01d6d9a", HiveTime.parse("2026-11-22T20:00:00"));
    private static final Operation VOTE =
            Operation.fromJson("[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"p\",\"weight\":10000}]");

    @Test
    void referencesTheHeadBlockAsTapos() {
        assertThat(HEAD.refBlockNum()).isEqualTo(1097);
        assertThat(HEAD.refBlockPrefix()).isEqualTo(2181793527L);

        Transaction transaction = TransactionBuilder.on(HEAD).add(VOTE).build();
        assertThat(transaction.refBlockNum()).isEqualTo(1097);
        assertThat(transaction.refBlockPrefix()).isEqualTo(2181793527L);
    }

    @Test
    void refBlockNumKeepsTheLow16Bits() {
        DynamicGlobalProperties head = new DynamicGlobalProperties(0x0123_4567L,
                "01234567ffffffff000000000000000000000000", Instant.EPOCH);
        assertThat(head.refBlockNum()).isEqualTo(0x4567);
        assertThat(head.refBlockPrefix()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void expiresSixtySecondsAfterTheHeadBlockByDefault() {
        assertThat(TransactionBuilder.on(HEAD).add(VOTE).build().expiration()).isEqualTo(HiveTime.parse("2026-11-22T20:01:00"));
        assertThat(TransactionBuilder.on(HEAD).expiresIn(Duration.ofHours(1)).add(VOTE).build().expiration())
                .isEqualTo(HiveTime.parse("2026-11-22T21:00:00"));
    }

    @Test
    void refusesExpirationsTheNodesWouldRefuse() {
        assertThatThrownBy(() -> TransactionBuilder.on(HEAD).expiresIn(Duration.ofHours(1).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expiration must be at most 3600 s after the head block time (nodes refuse later ones), got 3601.0 s");
        assertThatThrownBy(() -> TransactionBuilder.on(HEAD).expiresIn(Duration.ZERO))
                .hasMessage("expiration must be at least 1 s after the head block time, got 0 ms");
        assertThatThrownBy(() -> TransactionBuilder.on(HEAD).expiresIn(Duration.ofSeconds(-5)))
                .hasMessage("expiration must be at least 1 s after the head block time, got -5000 ms");
    }

    @Test
    void needsAnOperation() {
        assertThatThrownBy(() -> TransactionBuilder.on(HEAD).build())
                .hasMessage("transaction.operations: a transaction needs at least one operation");
    }

    @Test
    void signsWithEachDistinctKey() {
        PrivateKey posting = PrivateKey.fromLogin("alice", "pw", "posting");
        PrivateKey active = PrivateKey.fromLogin("alice", "pw", "active");
        SignedTransaction signed = TransactionBuilder.on(HEAD).add(VOTE).sign(posting, active, posting);
        assertThat(signed.signatures()).hasSize(2);
        assertThat(signed.recoverSigners(ChainId.MAINNET)).containsExactly(posting.publicKey(), active.publicKey());
        assertThat(signed.signatures().get(0)).isEqualTo(posting.signDigest(signed.transaction().digest(ChainId.MAINNET)));
    }

    @Test
    void theChainIdIsPartOfWhatIsSigned() {
        ChainId testnet = ChainId.fromHex("18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e");
        PrivateKey key = PrivateKey.fromSeed("testnet");
        SignedTransaction signed = TransactionBuilder.on(HEAD).chainId(testnet).add(VOTE).sign(List.of(key));
        assertThat(signed.recoverSigners(testnet)).containsExactly(key.publicKey());
        assertThat(signed.recoverSigners(ChainId.MAINNET)).doesNotContain(key.publicKey());
    }

    @Test
    void recoveringSignersRefusesWhatANodeRefuses() {
        PrivateKey key = PrivateKey.fromSeed("twice");
        SignedTransaction once = TransactionBuilder.on(HEAD).add(VOTE).sign(key);
        SignedTransaction twice = SignedTransaction.of(once.transaction(),
                List.of(once.signatures().get(0), once.signatures().get(0)));
        assertThatThrownBy(() -> twice.recoverSigners(ChainId.MAINNET))
                .hasMessage("transaction.signatures[1]: duplicate signature by " + key.publicKey());
    }

    @Test
    void readsTheDynamicGlobalPropertiesANodeReturns() {
        DynamicGlobalProperties props = DynamicGlobalProperties.fromJson(JsonInput.parse("{\"head_block_number\":1097,"
                + "\"head_block_id\":\"00000449f7860b82b4fbe2f317c670e9f01d6d9a\",\"time\":\"2026-11-22T20:00:00\","
                + "\"current_witness\":\"gtg\",\"virtual_supply\":\"1.000 HIVE\"}", "test"));
        assertThat(props).isEqualTo(HEAD);
        assertThatThrownBy(() -> DynamicGlobalProperties.fromJson(JsonInput.parse("{\"head_block_number\":1,"
                + "\"head_block_id\":\"abc\",\"time\":\"2026-11-22T20:00:00\"}", "test")))
                .hasMessage("head_block_id: expected 40 hex characters, got \"abc\"");
    }
}
