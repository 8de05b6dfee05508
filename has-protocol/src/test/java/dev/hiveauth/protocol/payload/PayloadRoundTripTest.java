package dev.hiveauth.protocol.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hiveauth.protocol.crypto.CryptoJsAes;
import dev.hiveauth.protocol.json.StrictJson;
import dev.hiveauth.protocol.testing.Vectors;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The APP ⇄ PKSA payloads, encrypted and decrypted with the auth_key the HAS never sees. */
class PayloadRoundTripTest {
    static final String AUTH_KEY = "03f63469-5a35-47cb-a6b4-e8c4d3144cf9";

    static final JsonNode VOTE = StrictJson.parseObject("{\"ops\":[[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\","
            + "\"permlink\":\"p1\",\"weight\":10000}]]}").get("ops");

    @Test
    void authReqDataRoundTrips() {
        AuthReqData full = new AuthReqData(new AuthReqData.App("demo", "A demo app", "https://demo.example/logo.png"),
                new AuthReqData.Challenge(KeyType.POSTING, "{\"login\":\"ok\"}"), "legacy-token");
        AuthReqData minimal = new AuthReqData(new AuthReqData.App("demo"));

        assertThat(AuthReqData.decrypt(full.encrypt(AUTH_KEY), AUTH_KEY)).contains(full);
        assertThat(AuthReqData.decrypt(minimal.encrypt(AUTH_KEY), AUTH_KEY)).contains(minimal);
        assertThat(minimal.toJson()).isEqualTo("{\"app\":{\"name\":\"demo\"}}");
        assertThat(AuthReqData.fromJson(full.toJson())).isEqualTo(full);
    }

    @Test
    void authAckDataRoundTripsWithTheChallengeAndTheLegacyToken() {
        AuthAckData full = new AuthAckData(1_700_086_400_000L,
                new ChallengeAckData("STM6aGPtxMUGnTPfKLSxdwCHbximSJxzrRjeQmwRW9BRCdrFotKLs", "1f" + "ab".repeat(64)),
                "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d");

        assertThat(AuthAckData.decrypt(full.encrypt(AUTH_KEY), AUTH_KEY)).contains(full);
        assertThat(new AuthAckData(1_700_086_400_000L).toJson()).isEqualTo("{\"expire\":1700086400000}");
    }

    @Test
    void signReqDataRoundTripsAndKeepsTheOperationsAsTheyWere() {
        SignReqData data = new SignReqData(KeyType.ACTIVE, VOTE, false, 1_700_000_000_001L);

        assertThat(SignReqData.decrypt(data.encrypt(AUTH_KEY), AUTH_KEY)).contains(data);
        assertThat(data.toJson()).isEqualTo("{\"key_type\":\"active\",\"ops\":[[\"vote\",{\"voter\":\"alice\","
                + "\"author\":\"bob\",\"permlink\":\"p1\",\"weight\":10000}]],\"broadcast\":false,\"nonce\":1700000000001}");
    }

    @Test
    void challengeReqDataRoundTripsAndDecryptDefaultsToFalse() {
        ChallengeReqData data = new ChallengeReqData(KeyType.MEMO, "#encrypted", true, 1_700_000_000_002L);

        assertThat(ChallengeReqData.decrypt(data.encrypt(AUTH_KEY), AUTH_KEY)).contains(data);
        // hive-auth-wrapper 1.0 sends no nonce, older APPs no decrypt.
        assertThat(ChallengeReqData.fromJson("{\"key_type\":\"posting\",\"challenge\":\"hello\"}"))
                .isEqualTo(new ChallengeReqData(KeyType.POSTING, "hello", false, null));
    }

    @Test
    void challengeAckDataRoundTrips() {
        ChallengeAckData data = new ChallengeAckData("STM6aGPtxMUGnTPfKLSxdwCHbximSJxzrRjeQmwRW9BRCdrFotKLs", "20ab");

        assertThat(ChallengeAckData.decrypt(data.encrypt(AUTH_KEY), AUTH_KEY)).contains(data);
    }

    /** The payload plaintexts of cryptojs-aes.json were written by JSON.stringify: ours are byte-identical. */
    @Test
    void decryptsTheCryptoJsVectorsAndWritesTheirJsonByteForByte() {
        List<JsonNode> vectors = Vectors.cases("cryptojs-aes.json");
        List<JsonNode> auth = vectors.stream().filter(v -> v.get("plaintext").asText().startsWith("{\"app\""))
                .collect(Collectors.toList());
        List<JsonNode> sign = vectors.stream().filter(v -> v.get("plaintext").asText().startsWith("{\"key_type\""))
                .collect(Collectors.toList());
        assertThat(auth).hasSizeGreaterThan(5);
        assertThat(sign).hasSizeGreaterThan(5);

        for (JsonNode vector : auth) {
            AuthReqData data = AuthReqData.decrypt(vector.get("ciphertext").asText(), vector.get("passphrase").asText())
                    .orElseThrow();
            assertThat(data.challenge().keyType()).isEqualTo(KeyType.POSTING);
            assertThat(data.toJson()).isEqualTo(vector.get("plaintext").asText());
        }
        for (JsonNode vector : sign) {
            SignReqData data = SignReqData.decrypt(vector.get("ciphertext").asText(), vector.get("passphrase").asText())
                    .orElseThrow();
            assertThat(data.broadcast()).isTrue();
            assertThat(data.toJson()).isEqualTo(vector.get("plaintext").asText());
        }
    }

    @Test
    void ignoresUnknownFieldsLikeKeychainsAppPubkey() {
        String json = "{\"app\":{\"name\":\"demo\",\"pubkey\":\"STM5…\"},\"future\":[1]}";

        assertThat(AuthReqData.decrypt(CryptoJsAes.encrypt(json, AUTH_KEY), AUTH_KEY))
                .contains(new AuthReqData(new AuthReqData.App("demo")));
    }

    @Test
    void theOperationsCannotBeChangedFromOutside() {
        JsonNode ops = VOTE.deepCopy();
        SignReqData data = new SignReqData(KeyType.POSTING, ops, true, 1L);

        ((ArrayNode) ops).removeAll();
        ((ArrayNode) data.ops()).removeAll();

        assertThat(data.ops()).isEqualTo(VOTE);
    }
}
