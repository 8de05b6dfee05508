package dev.hiveauth.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Memos against hive-js: memo.json and the vectors of hive-crypto-notes §3.3, byte for byte. */
class MemoTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<JsonNode> memoVectors() {
        return Vectors.cases("memo.json").stream();
    }

    @ParameterizedTest
    @MethodSource("memoVectors")
    void encodesEachMemoJsonCaseExactlyAsHiveJs(JsonNode vector) {
        PrivateKey from = PrivateKey.fromWif(vector.get("from_wif").asText());
        PublicKey to = PublicKey.fromString(vector.get("to_public").asText());
        long nonce = Long.parseUnsignedLong(vector.get("nonce").asText());

        assertThat(Memo.encode(from, to, vector.get("plaintext").asText(), nonce))
                .isEqualTo(vector.get("encoded").asText());
    }

    @ParameterizedTest
    @MethodSource("memoVectors")
    void bothPartiesDecodeEachMemoJsonCase(JsonNode vector) {
        String encoded = vector.get("encoded").asText();
        String plaintext = vector.get("plaintext").asText();

        assertThat(Memo.decode(PrivateKey.fromWif(vector.get("to_wif").asText()), encoded)).isEqualTo(plaintext);
        assertThat(Memo.decode(PrivateKey.fromWif(vector.get("from_wif").asText()), encoded)).isEqualTo(plaintext);
    }

    @ParameterizedTest
    @MethodSource("memoVectors")
    void theParsedMemoShowsItsPartiesWithoutDecrypting(JsonNode vector) {
        EncryptedMemo memo = EncryptedMemo.parse(vector.get("encoded").asText());
        PublicKey from = PublicKey.fromString(vector.get("from_public").asText());
        PublicKey to = PublicKey.fromString(vector.get("to_public").asText());

        assertThat(memo.isFrom(from)).isTrue();
        assertThat(memo.isTo(to)).isTrue();
        assertThat(memo.isFrom(to)).isEqualTo(from.equals(to));
        assertThat(memo.from()).isEqualTo(from);
        assertThat(memo.to()).isEqualTo(to);
        assertThat(Long.toUnsignedString(memo.nonce())).isEqualTo(vector.get("nonce").asText());
        assertThat(memo).hasToString(vector.get("encoded").asText());
    }

    @Test
    void reproducesTheKnownHiveJsVectorStepByStep() {
        // hive-crypto-notes §3.3 "known vector": fromSeed("") writes "#爱" to itself with nonce 1462976530069648
        PrivateKey key = PrivateKey.fromSeed("");
        assertThat(key.toWif()).isEqualTo("5KYZdUEo39z3FPrtuX2QbbwGnNP5zTd7yyr2SC1j299sBCnWjss");
        assertThat(key.publicKey()).hasToString("STM859gxfnXyUriMgUeThh1fWv3oqcpLFyHa3TfFYC4PK2HqhToVM");
        long nonce = 1462976530069648L;

        byte[] secret = key.sharedSecret(key.publicKey());
        assertThat(HEX.formatHex(secret)).isEqualTo("3f0840df1912e24d85f39008a56550c31403e096fce7fa9d7886fab8e5c2ceb6"
                + "6b4139c8f4f4172fd9f455e76c2e8913a3d734f51a1951090ce9ec660671957d");
        byte[] encryptionKey = MemoCipher.encryptionKey(nonce, secret);
        assertThat(HEX.formatHex(encryptionKey))
                .isEqualTo("886456d7b773c6ac6bd3d6215c00e2680668c0f0feb7ef7aa3b5ef761f997e65" // AES key
                        + "0a6e11651cad14e32e56b6bb820d232b" // IV
                        + "7d681ce00813a4f18fe48982ba3acc9d");
        assertThat(HEX.formatHex(Hash.sha256(encryptionKey)))
                .isEqualTo("66dea56332dcabdf913991292c1eaa8a3fda73f2fa9ae4f60febcf93a80a94c2");
        assertThat(Integer.toUnsignedLong(MemoCipher.check(encryptionKey))).isEqualTo(1671814758L);
        assertThat(HEX.formatHex(MemoPlaintext.frame("爱"))).isEqualTo("03e788b1");
        assertThat(HEX.formatHex(MemoCipher.encrypt(encryptionKey, MemoPlaintext.frame("爱"))))
                .isEqualTo("19bb2b1501a5d37f7ef21beaffa62382");

        String encoded = Memo.encode(key, key.publicKey(), "#爱", nonce);
        assertThat(HEX.formatHex(EncryptedMemo.parse(encoded).toBytes())).isEqualTo(
                "03a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd" // from
                        + "03a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd" // to
                        + "90b863c491320500" // nonce LE
                        + "66dea563" // check
                        + "10" + "19bb2b1501a5d37f7ef21beaffa62382"); // varint(16) ‖ ciphertext
        assertThat(encoded).isEqualTo("#HU6pdQ4Hh8cFrDVooekRPVZu4BdrhAe9RxrWrei2CwfAApAPdM4PT5mSV9cV3tTuWKotYQF6suyM4"
                + "JHFBZz4pcwyezPzuZ2na7uwhRcLqFoqCam1VU3eCLjVNqcgUNbH3");
        assertThat(Memo.decode(key, encoded)).isEqualTo("#爱");
    }

    @Test
    void reproducesTheTwoPartyPokLikeVector() {
        // hive-crypto-notes §3.3 "two-party vector": A writes a registration timestamp to B
        PrivateKey a = PrivateKey.fromWif("5K2yDAd9KAZ3ZitBsAPyRka9PLFemUrbcL6UziZiPaw2c6jCeLH");
        PrivateKey b = PrivateKey.fromWif("5JdeC9P7Pbd1uGdFVEsJ41EkEnADbbHGq6p1BwFxm6txNBsQnsw");
        PublicKey bPublic = PublicKey.fromString("STM8m5UgaFAAYQRuaNejYdS8FVLVp9Ss3K1qAVk5de6F8s3HnVbvA");
        assertThat(b.publicKey()).isEqualTo(bPublic);

        byte[] secret = a.sharedSecret(bPublic);
        assertThat(HEX.formatHex(secret)).isEqualTo("55cd6fe21a3488deb957c5530c59ac584e3171a6c1f5d61b8f88c912dfb8a5bc"
                + "f5ec68fb56df33ae04b38c358e555ad69dbf97973efb7464d5ff3290785325c5");
        byte[] encryptionKey = MemoCipher.encryptionKey(1650000000000123L, secret);
        assertThat(HEX.formatHex(encryptionKey)).isEqualTo("a93b9b02c41c4272029c29755a7624ec375413463dc12145dcbb43002d372c12"
                + "eea6528af0d75387c7b963fad9744ddd5bfd47e861372224a63df8be7bb12cdc");
        assertThat(Integer.toUnsignedLong(MemoCipher.check(encryptionKey))).isEqualTo(3198891948L);
        assertThat(HEX.formatHex(MemoPlaintext.frame("1650000000000"))).isEqualTo("0d31363530303030303030303030");

        String encoded = Memo.encode(a, bPublic, "#1650000000000", 1650000000000123L);
        assertThat(encoded).isEqualTo("#JGGw9ifqpSoEN45uzEfZaqC61yLGfPbs3pESfyKxkcsf4uWvtvMkejyqKC9ouJ39mW9nqVVB86JEDm"
                + "pHA3m5pprpDBtTnzp2ZC3dnJPAWukBfJy7evjeZMMcsEcjEd8LC");
        assertThat(HEX.formatHex(EncryptedMemo.parse(encoded).toBytes())).isEqualTo(
                "03d0519ddad62bd2a833bee5dc04011c08f77f66338c38d99c685dee1f454cd1b8"
                        + "03fdf4907810a9f5d9462a1ae09feee5ab205d32798b0ffcc379442021f84c5bbf"
                        + "7b20e18faadc0500" + "ac37abbe" + "10" + "2fa127641a752a9fe79f48ee4e953745");
        assertThat(Memo.decode(b, encoded)).isEqualTo("#1650000000000");
        assertThat(Memo.decode(a, encoded)).isEqualTo("#1650000000000");
    }

    @Test
    void reproducesTheTwoPartyJsonVectorWithATwoBlockCiphertext() {
        PrivateKey a = PrivateKey.fromWif("5K2yDAd9KAZ3ZitBsAPyRka9PLFemUrbcL6UziZiPaw2c6jCeLH");
        PrivateKey b = PrivateKey.fromWif("5JdeC9P7Pbd1uGdFVEsJ41EkEnADbbHGq6p1BwFxm6txNBsQnsw");
        String text = "{\"hello\":\"wörld\",\"n\":1}";

        byte[] encryptionKey = MemoCipher.encryptionKey(42, a.sharedSecret(b.publicKey()));
        assertThat(HEX.formatHex(encryptionKey)).isEqualTo("ae4142a2c8f6b7239880d7816d7dbe6a2b4467eb4576da20ffe66a4209ce7ed4"
                + "c65f283f04c2cdf585b0c72f3972ccc913b1ff69494862dd2721847f9643e479");
        assertThat(HEX.formatHex(MemoPlaintext.frame(text)))
                .isEqualTo("187b2268656c6c6f223a2277c3b6726c64222c226e223a317d");

        String encoded = Memo.encode(a, b.publicKey(), "#" + text, 42);
        assertThat(encoded).isEqualTo("#AQjGXdX3j8jPBHY7WfpfuPCyLzZ87tmZKyXVVX6niyvZdaP4HF1rgqMuBApJNwKBhFh7fbXtiRxxbr"
                + "mYPwCESQWsoYT9CnC8rdj2S7LAnEHbrVLdioMDGvswecv6qTKG44q7FvNSf2afy6pvba1qkUa");
        EncryptedMemo parsed = EncryptedMemo.parse(encoded);
        assertThat(HEX.formatHex(parsed.ciphertext()))
                .isEqualTo("1a8f1076556ef9a295bb0535d10162d11e7f1d563b7d53931d2f1e3565eade6b");
        assertThat(HEX.formatHex(parsed.toBytes(), 74, 78)).isEqualTo("ece7bc50"); // check, after keys and nonce
        assertThat(Memo.decode(b, encoded)).isEqualTo("#" + text);
        assertThat(Memo.decode(a, encoded)).isEqualTo("#" + text);
    }

    @Test
    void roundTripsTheMemosOfTheDhiveAndHiveJsSelfTests() {
        PrivateKey empty = PrivateKey.fromSeed("");
        String tngflx = Memo.encode(empty, empty.publicKey(), "#tngflx9099", 1462976530069648L);
        assertThat(Memo.decode(empty, tngflx)).isEqualTo("#tngflx9099");

        PrivateKey one = PrivateKey.fromWif("5JdeC9P7Pbd1uGdFVEsJ41EkEnADbbHGq6p1BwFxm6txNBsQnsw");
        PublicKey onePublic = PublicKey.fromString("STM8m5UgaFAAYQRuaNejYdS8FVLVp9Ss3K1qAVk5de6F8s3HnVbvA");
        assertThat(Memo.decode(one, Memo.encode(one, onePublic, "#memo爱"))).isEqualTo("#memo爱");
    }

    @Test
    void aMemoWithoutTheHashIsPlainTextBothWays() {
        PrivateKey key = PrivateKey.fromSeed("");
        assertThat(Memo.encode(key, key.publicKey(), "thanks for the coffee", 1)).isEqualTo("thanks for the coffee");
        assertThat(Memo.encode(key, key.publicKey(), "")).isEmpty();
        assertThat(Memo.decode(key, "thanks for the coffee")).isEqualTo("thanks for the coffee");
        assertThat(Memo.decode(key, "")).isEmpty();
    }

    @Test
    void onlyTheFirstHashIsTheEncryptionMarker() {
        PrivateKey a = PrivateKey.fromSeed("a");
        PrivateKey b = PrivateKey.fromSeed("b");
        String encoded = Memo.encode(a, b.publicKey(), "##1700000000000", 7);

        assertThat(EncryptedMemo.parse(encoded).decrypt(b)).isEqualTo("#1700000000000");
        assertThat(Memo.decode(b, encoded)).isEqualTo("##1700000000000");
        assertThat(new String(MemoPlaintext.frame("#1"), StandardCharsets.UTF_8)).isEqualTo("\u0002#1");
    }
}
