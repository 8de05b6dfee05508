package dev.hiveauth.protocol.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.crypto.Signature;
import dev.hiveauth.protocol.testing.Vectors;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The transaction vectors of hive-crypto-notes §5.7 (dhive's and hive-js's own tests, and generated ones). */
class CryptoNotesVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNode FILE = Vectors.load("crypto-notes-transactions.json");

    static Stream<JsonNode> cases() {
        return Vectors.cases("crypto-notes-transactions.json").stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void matchesTheGeneratedTable(JsonNode vector) {
        Transaction transaction = Transaction.of(FILE.get("ref_block_num").asInt(), FILE.get("ref_block_prefix").asLong(),
                HiveTime.parse(FILE.get("expiration").asText()), List.of(Operation.fromJson(vector.get("operation"))));
        assertThat(HEX.formatHex(transaction.toBytes())).isEqualTo(vector.get("serialized_hex").asText());
        assertThat(HEX.formatHex(transaction.digest(ChainId.MAINNET))).isEqualTo(vector.get("digest_hex").asText());
        assertThat(transaction.id()).isEqualTo(vector.get("tx_id").asText());

        SignedTransaction signed = transaction.sign(ChainId.MAINNET, PrivateKey.fromWif(FILE.get("signer_wif").asText()));
        assertThat(signed.signatures().get(0).toHex()).isEqualTo(vector.get("hive_js_signature").asText());

        // dhive's signature differs (other nonces) but is just as valid: a node must accept it too
        SignedTransaction byDhive = SignedTransaction.of(transaction,
                List.of(Signature.fromHex(vector.get("dhive_signature").asText())));
        assertThat(byDhive.recoverSigners(ChainId.MAINNET))
                .containsExactly(PublicKey.fromString(FILE.get("signer_public").asText()));
    }

    @Test
    void dhiveSerializerTestsTransferOperation() {
        // dhive's test writes the amount as the number 1; this project only takes asset strings
        Operation transfer = Operation.fromJson(
                "[\"transfer\",{\"amount\":\"1.000 STEEM\",\"from\":\"foo\",\"memo\":\"wedding present\",\"to\":\"bar\"}]");
        assertThat(HEX.formatHex(transfer.toBytes())).isEqualTo(
                "0203666f6f03626172e80300000000000003535445454d00000f77656464696e672070726573656e74");
        assertThat(Operation.fromBytes(transfer.toBytes())).isEqualTo(transfer);
    }

    @Test
    void hiveJsOperationsTestAccountCreate() {
        String json = "{\"ref_block_num\":19297,\"ref_block_prefix\":1608085982,\"expiration\":\"2016-03-23T22:41:21\","
                + "\"operations\":[[\"account_create\",{\"fee\":\"0.000 STEEM\",\"creator\":\"initminer\","
                + "\"new_account_name\":\"scott\",\"owner\":{\"weight_threshold\":1,\"account_auths\":[],"
                + "\"key_auths\":[[\"STM7DTS62msowgpAZJBNRMStMUt5bfRA4hc9j5wjwU4vKhi3KFkKb\",1]]},"
                + "\"active\":{\"weight_threshold\":1,\"account_auths\":[],"
                + "\"key_auths\":[[\"STM8k1f8fvHxLrCTqMdRUJcK2rCE3y7SQBb8PremyadWvVWMeedZy\",1]]},"
                + "\"posting\":{\"weight_threshold\":1,\"account_auths\":[],"
                + "\"key_auths\":[[\"STM6DgpKJqoVGg7o6J1jdiP45xxbgoUg5VGzs96YBxX42NZu2bZea\",1]]},"
                + "\"memo_key\":\"STM6ppNVEFmvBW4jEkzxXnGKuKuwYjMUrhz2WX1kHeGSchGdWJEDQ\",\"json_metadata\":\"\"}]],"
                + "\"extensions\":[],\"signatures\":[]}";
        SignedTransaction signed = SignedTransaction.fromJson(json);
        assertThat(HEX.formatHex(signed.toBytes())).isEqualTo("614bde71d95f911bf3560109000000000000000003535445454d"
                + "000009696e69746d696e65720573636f74740100000000010332757668fa45c2bc21447a2ff1dc2bbed9d9dda1616fd7b7002"
                + "55bd28e9d674a010001000000000103fb8900a262d51b908846be54fcf04b3a80d12ee749b9446f976b58b220ba4eed01000"
                + "1000000000102af4963d0f034043f4b4b0c99220e6a4b5d8b9cc71e5cd7d110f7602f3a0a11d1010002ff0de11ef55b998daf"
                + "88047f1a00a60ed5dffb0c23c3279f8bd42a733845c5da000000");
        assertThat(Transaction.fromJson(json)).isEqualTo(signed.transaction());
        assertThat(signed.toJson().toString()).contains("\"fee\":\"0.000 HIVE\"");
    }
}
