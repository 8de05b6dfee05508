package dev.hiveauth.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignatureTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<JsonNode> signatureVectors() {
        return Vectors.cases("signatures.json").stream();
    }

    @ParameterizedTest
    @MethodSource("signatureVectors")
    void signsExactlyAsHiveJsSignBuffer(JsonNode vector) {
        PrivateKey key = PrivateKey.fromWif(vector.get("wif").asText());
        String message = vector.get("message").asText();
        assertThat(HEX.formatHex(Hash.sha256(message.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(vector.get("sha256").asText());
        assertThat(key.sign(message).toHex()).isEqualTo(vector.get("signature").asText());
    }

    @ParameterizedTest
    @MethodSource("signatureVectors")
    void recoversAndVerifiesTheSignerOfEachVector(JsonNode vector) {
        Signature signature = Signature.fromHex(vector.get("signature").asText());
        PublicKey expected = PublicKey.fromString(vector.get("public").asText());
        String message = vector.get("message").asText();
        assertThat(signature.recoverPublicKey(message)).contains(expected);
        assertThat(signature.verify(message, expected)).isTrue();
        assertThat(signature.verify(message + "!", expected)).isFalse();
        assertThat(signature.isCanonical()).isTrue();
        assertThat(signature.toHex()).isEqualTo(vector.get("signature").asText());
    }

    @Test
    void reproducesTheRetryLoopCasesOfTheCryptoNotes() {
        // 4, 1 and 2 non-canonical retries in hive-js: the k seed becomes sha256(digest ‖ attempt zero bytes)
        assertThat(PrivateKey.fromWif("5JdeC9P7Pbd1uGdFVEsJ41EkEnADbbHGq6p1BwFxm6txNBsQnsw").sign("hello").toHex())
                .isEqualTo("1f721c9fc22d0d4208ee51e6b8e2ea783cacbc363721861ab53bdb91795992a06b"
                        + "3e1241686f7bffdb9ec7022741eb17f1b546a060b93726fed60605db5357a6aa");
        assertThat(PrivateKey.fromWif("5JdeC9P7Pbd1uGdFVEsJ41EkEnADbbHGq6p1BwFxm6txNBsQnsw").sign("challenge-123").toHex())
                .isEqualTo("2034b241c02688cecb3fd4b6174775d0fb6ef9797dac55fb5eac3deba3a4156c59"
                        + "7e7b05fc1f06c74b7a85b6e73937343d759a947e863c1b0ca5e7eb329f8bc306");
        assertThat(PrivateKey.fromWif("5K2yDAd9KAZ3ZitBsAPyRka9PLFemUrbcL6UziZiPaw2c6jCeLH").sign("hello").toHex())
                .isEqualTo("2017642345f47b0c4cd5ee3d7cfe1cd8d6b1fe51042b5b7cb3f1ba7e7200784ccf"
                        + "6f043379bf6d0fa10bcb783e0efc8e1682a7ea1c0ffe673b6a9ee477a446ca8b");
    }

    @Test
    void verifiesDhiveSignaturesItDoesNotReproduce() {
        Signature dhive = Signature.fromHex("201478c6a5d99eff1a2dfe6abd74e08afabd6acc0f4bbfc94e7be63b68811b685b"
                + "2a3d076a5f9356b3f483d06a27fa1b0b4d2ec2be1d1e2a535e337e133ed25ce1");
        PublicKey signer = PrivateKey.fromWif("5JdeC9P7Pbd1uGdFVEsJ41EkEnADbbHGq6p1BwFxm6txNBsQnsw").publicKey();
        assertThat(dhive.verify("hello", signer)).isTrue();
        assertThat(dhive.recoverPublicKey("hello")).contains(signer);
    }

    @Test
    void compactHexRoundTripsUnchanged() {
        String dhiveRepoVector = "202c52188b0ecbc26c766fe6d3ec68dac58644f43f43fc7d97da122f76fa028f98"
                + "691dd48b44394bdd8cecbbe66e94795dcf53291a1ef7c16b49658621273ea68e";
        assertThat(Signature.fromHex(dhiveRepoVector).toHex()).isEqualTo(dhiveRepoVector);
    }

    @Test
    void randomMessagesSignRecoverAndVerify() {
        Random random = new Random(6979);
        for (int i = 0; i < 200; i++) {
            PrivateKey key = PrivateKey.generate();
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            Signature signature = key.signDigest(digest);
            assertThat(signature.isCanonical()).isTrue();
            assertThat(signature.recoverPublicKey(digest)).contains(key.publicKey());
            assertThat(key.publicKey().verify(digest, signature)).isTrue();
            assertThat(key.signDigest(digest)).as("deterministic").isEqualTo(signature);
            byte[] other = digest.clone();
            other[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
            assertThat(key.publicKey().verify(other, signature)).isFalse();
            assertThat(signature.recoverPublicKey(other)).isNotEqualTo(Optional.of(key.publicKey()));
        }
    }

    @Test
    void aTamperedSignatureNoLongerVerifies() {
        PrivateKey key = PrivateKey.fromSeed("tamper");
        byte[] bytes = key.sign("message").toBytes();
        bytes[40] ^= 1;
        Signature tampered = Signature.fromBytes(bytes);
        assertThat(tampered.verify("message", key.publicKey())).isFalse();
        assertThat(tampered.recoverPublicKey("message")).isNotEqualTo(Optional.of(key.publicKey()));
        assertThat(PublicKey.NULL.verify(new byte[32], tampered)).isFalse();
    }

    @Test
    void malformedSignaturesAreRefused() {
        assertThatThrownBy(() -> Signature.fromHex("zz")).hasMessage("signature is not hex");
        assertThatThrownBy(() -> Signature.fromHex("1f00")).hasMessage("signature must be 65 bytes, got 2");
        assertThatThrownBy(() -> Signature.fromHex("00" + "11".repeat(64))).hasMessage("signature header must be 27..34, got 0");
        assertThatThrownBy(() -> Signature.fromHex("1f" + "00".repeat(64))).hasMessage("signature r and s must be in 1..n-1");
        assertThatThrownBy(() -> PrivateKey.fromSeed("x").signDigest(new byte[31])).hasMessage("digest must be 32 bytes, got 31");
    }
}
