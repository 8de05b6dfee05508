package dev.hiveauth.protocol.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.crypto.Signature;
import dev.hiveauth.protocol.testing.Vectors;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** transactions.json: one transaction per operation, serialized by dhive and signed by hive-js. */
class TransactionVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ChainId CHAIN = ChainId.fromHex(Vectors.load("transactions.json").get("chain_id").asText());

    static Stream<JsonNode> cases() {
        return Vectors.cases("transactions.json").stream();
    }

    @Test
    void theVectorsCoverEveryOperationTypeAndTheMainnetChain() {
        Set<String> covered = cases().map(c -> c.get("operation").asText()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                Stream.of(OperationType.values()).map(OperationType::jsonName).toList());
        assertThat(CHAIN).isEqualTo(ChainId.MAINNET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void serializesHashesAndSignsExactlyAsDhiveAndHiveJs(JsonNode vector) {
        Transaction transaction = Transaction.fromJson(vector.get("transaction"));

        assertThat(HEX.formatHex(transaction.toBytes())).isEqualTo(vector.get("serialized_hex").asText());
        assertThat(HEX.formatHex(transaction.digest(CHAIN))).isEqualTo(vector.get("digest_hex").asText());
        assertThat(transaction.id()).isEqualTo(vector.get("tx_id").asText());

        PrivateKey signer = PrivateKey.fromWif(vector.get("signer_wif").asText());
        SignedTransaction signed = transaction.sign(CHAIN, signer);
        assertThat(signed.signatures()).extracting(Signature::toHex).containsExactly(vector.get("signature").asText());
        assertThat(signed.recoverSigners(CHAIN))
                .containsExactly(PublicKey.fromString(vector.get("signer_public").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesTheSameJsonBackAndReadsItsOwnBytes(JsonNode vector) {
        Transaction transaction = Transaction.fromJson(vector.get("transaction"));
        assertThat(transaction.toJson()).isEqualTo(vector.get("transaction"));

        Transaction fromBytes = Transaction.fromBytes(HEX.parseHex(vector.get("serialized_hex").asText()));
        assertThat(fromBytes).isEqualTo(transaction);
        assertThat(fromBytes.toJson()).isEqualTo(vector.get("transaction"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signedJsonRoundTripsAndRecoversTheSigner(JsonNode vector) {
        Transaction transaction = Transaction.fromJson(vector.get("transaction"));
        SignedTransaction signed = SignedTransaction.of(transaction,
                List.of(Signature.fromHex(vector.get("signature").asText())));

        SignedTransaction reread = SignedTransaction.fromJson(signed.toJson().toString());
        assertThat(reread).isEqualTo(signed);
        assertThat(reread.id()).isEqualTo(vector.get("tx_id").asText());
        assertThat(reread.recoverSigners(CHAIN)).extracting(PublicKey::toString)
                .containsExactly(vector.get("signer_public").asText());
        assertThat(HEX.formatHex(reread.toBytes()))
                .isEqualTo(vector.get("serialized_hex").asText() + "01" + vector.get("signature").asText());
    }
}
