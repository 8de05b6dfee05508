package dev.hiveauth.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.generators.OpenSSLPBEParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CryptoJsAesTest {
    private static final HexFormat HEX = HexFormat.of();

    static List<JsonNode> cryptoJsVectors() {
        return Vectors.cases("cryptojs-aes.json");
    }

    @ParameterizedTest
    @MethodSource("cryptoJsVectors")
    void encryptsLikeCryptoJsWithTheSameSalt(JsonNode vector) {
        String ciphertext = CryptoJsAes.encrypt(vector.get("plaintext").asText(), vector.get("passphrase").asText(),
                HEX.parseHex(vector.get("salt_hex").asText()));

        assertThat(ciphertext).isEqualTo(vector.get("ciphertext").asText());
    }

    @ParameterizedTest
    @MethodSource("cryptoJsVectors")
    void decryptsWhatCryptoJsEncrypted(JsonNode vector) {
        assertThat(CryptoJsAes.decrypt(vector.get("ciphertext").asText(), vector.get("passphrase").asText()))
                .isEqualTo(vector.get("plaintext").asText());
    }

    /** The table of hive-crypto-notes §4, with the derived key and IV. */
    static Stream<Arguments> cryptoNotesTable() {
        return Stream.of(
                Arguments.of("Hello World!", "secret", "a1b2c3d4e5f60718",
                        "0f973356e2eec66bacd3397c5d1d787437a6a3417d6f76637e2f22c9becba5eb",
                        "e38fb0ede7f4055e3bc9df82b10ad62b", "U2FsdGVkX1+hssPU5fYHGPxCA2Ugz/Xgxy7PF2N4RSc="),
                Arguments.of("{\"cmd\":\"auth_req\",\"data\":\"x\"}", "passphrase-123", "0102030405060708",
                        "6bbc1548a291f98096f4758734197e2231c92ca1852f700e71e70ad5620e8c3f",
                        "1dc5603384ba2f94f1cf0acf15f89ecd",
                        "U2FsdGVkX18BAgMEBQYHCBq8aA/LEB26UaF+WruuxZ330hkmBzPlufibi1lnI2zL"),
                Arguments.of("{\"app\":{\"name\":\"Demo\"},\"challenge\":{\"key_type\":\"posting\",\"challenge\":"
                                + "\"{\\\"login\\\":\\\"ok\\\"}\"}}",
                        "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", "0000000000000000",
                        "661962f432eb21a3371b73ea5412f96b953d8189041099c8e29fd1e0aef9b66b",
                        "e519cf961f4e8d67bd40be16da18a671",
                        "U2FsdGVkX18AAAAAAAAAAIQMt/x9BHGLKu1BBwL6wF/Wn6GS9QIgFnFLA62tkJenVMw0UQ/YcV6IZ8on/cPyILnIheyZxJFJ"
                                + "53DLdXbWqx3Thv5lEYyMc7jdFOuAgI3lM1kWJ1cejPGNb3Ac3BDBig=="),
                Arguments.of("wörld 爱", "pässwörd", "ffeeddccbbaa9988",
                        "f343366654f30820c2960d80e3771562c6f3fbfd49367ccf07fcdc2758b6be17",
                        "11ea0627cc04eaae61253364fb4e0720", "U2FsdGVkX1//7t3Mu6qZiF2JgzeNjPbO1EPn8n/kG74="));
    }

    @ParameterizedTest
    @MethodSource("cryptoNotesTable")
    void matchesTheCryptoNotesTable(String plaintext, String passphrase, String salt, String key, String iv,
            String ciphertext) {
        // EVP_BytesToKey(MD5, 1 round): the first 32 bytes are the key, the next 16 the IV.
        OpenSSLPBEParametersGenerator kdf = new OpenSSLPBEParametersGenerator(new MD5Digest());
        kdf.init(passphrase.getBytes(StandardCharsets.UTF_8), HEX.parseHex(salt));
        ParametersWithIV derived = (ParametersWithIV) kdf.generateDerivedParameters(256, 128);
        assertThat(HEX.formatHex(((KeyParameter) derived.getParameters()).getKey())).isEqualTo(key);
        assertThat(HEX.formatHex(derived.getIV())).isEqualTo(iv);

        assertThat(CryptoJsAes.encrypt(plaintext, passphrase, HEX.parseHex(salt))).isEqualTo(ciphertext);
        assertThat(CryptoJsAes.decrypt(ciphertext, passphrase)).isEqualTo(plaintext);
    }

    @Test
    void decryptsTheCryptoNotesRandomSaltVector() {
        assertThat(CryptoJsAes.decrypt("U2FsdGVkX1/2b7mbF2+1YjeFCjHmQNts2h1AM0T0HUPuBg0MA4J1TuX08gUk41Fh", "k"))
                .isEqualTo("random salt test");
    }

    @Test
    void encryptsWithAFreshSaltEachTime() {
        String first = CryptoJsAes.encrypt("same text", "same key");
        String second = CryptoJsAes.encrypt("same text", "same key");

        assertThat(first).startsWith("U2FsdGVkX1").isNotEqualTo(second);
        assertThat(CryptoJsAes.decrypt(first, "same key")).isEqualTo(CryptoJsAes.decrypt(second, "same key"));
    }

    @Test
    void roundTripsRandomUnicodeTextsAndPassphrases() {
        Random random = new Random(4_2_0);
        for (int i = 0; i < 1000; i++) {
            String plaintext = randomText(random, random.nextInt(200));
            String passphrase = randomText(random, random.nextInt(40));
            String ciphertext = i % 2 == 0
                    ? CryptoJsAes.encrypt(plaintext, passphrase)
                    : CryptoJsAes.encrypt(plaintext, passphrase, randomBytes(random, 8));

            assertThat(CryptoJsAes.decrypt(ciphertext, passphrase)).isEqualTo(plaintext);
            assertThat(CryptoJsAes.tryDecrypt(ciphertext, passphrase)).contains(plaintext);
        }
    }

    @Test
    void refusesAnUnpairedSurrogateLikeCryptoJsUtf8Parse() {
        assertThatThrownBy(() -> CryptoJsAes.encrypt("a\uD800b", "key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plaintext is not valid Unicode (unpaired surrogate)");
        assertThatThrownBy(() -> CryptoJsAes.encrypt("text", "\uDC00"))
                .hasMessage("passphrase is not valid Unicode (unpaired surrogate)");
        assertThatThrownBy(() -> CryptoJsAes.encrypt("text", "key", new byte[7]))
                .hasMessage("salt must be 8 bytes, got 7");
    }

    @Test
    void aWrongPassphraseNeverDecryptsAUuid() {
        String ciphertext = CryptoJsAes.encrypt("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", "the right key");
        Random random = new Random(1);

        Map<DecryptionException.Reason, Integer> reasons = tryWrongKeys(ciphertext, 5000, random);

        assertThat(reasons.keySet()).allMatch(DecryptionException.Reason::isWrongKey);
        assertThat(reasons.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(5000);
    }

    /**
     * CryptoJS does not check the padding and returned non-empty garbage for 7 wrong keys in 2000. Checking
     * the padding alone lets about 1 wrong key in 255 through (the last byte happens to be 01, or the last
     * two 02 02, …); strict UTF-8 catches those: on a one-block ciphertext the garbage is 15 random bytes,
     * valid UTF-8 with probability 1.7 × 10⁻⁴.
     */
    @Test
    void aWrongPassphraseNeverDecryptsAShortTextAndUtf8CatchesWhatPaddingMisses() {
        // A fixed salt, so that the 20,000 wrong keys meet the same ciphertext every run: with a random one, about 1
        // run in 80 met a key whose garbage was valid padding and valid UTF-8 (the rate the paragraph above derives).
        String ciphertext = CryptoJsAes.encrypt("hello", "the right key", "fixedslt".getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(2);

        Map<DecryptionException.Reason, Integer> reasons = tryWrongKeys(ciphertext, 20_000, random);

        assertThat(reasons.keySet()).containsOnly(DecryptionException.Reason.BAD_PADDING,
                DecryptionException.Reason.NOT_UTF8);
        // 20,000 / 255 ≈ 78 expected past the padding check.
        assertThat(reasons.get(DecryptionException.Reason.NOT_UTF8)).isBetween(40, 130);
    }

    /**
     * What remains possible for raw strings (no JSON to parse): a wrong key yields a value only if the
     * garbage ends in valid PKCS#7 padding and the rest is valid UTF-8. With the decrypted blocks uniformly
     * random, that probability is exactly Σ_p 256^-p · U(16n − p) / 256^(16n − p) for n blocks, where U(m)
     * counts the valid UTF-8 strings of m bytes.
     */
    @Test
    void theRemainingChanceOfAWrongKeyDecryptingIsTiny() {
        assertThat(wrongKeyValueProbability(1)).isBetween(6.5e-7, 6.6e-7); // 1 in 1.5 million: "hello"
        assertThat(wrongKeyValueProbability(2)).isBetween(6.9e-11, 7.1e-11); // 1 in 1.4 × 10¹⁰
        assertThat(wrongKeyValueProbability(3)).isBetween(7.4e-15, 7.6e-15); // a uuid: 1 in 1.3 × 10¹⁴
    }

    @Test
    void refusesMalformedCiphertextsWithTheReason() {
        assertReason("not base64!", DecryptionException.Reason.NOT_BASE64, "ciphertext is not Base64");
        assertReason("U2FsdGVkX1+hssPU5fYH\nGPxCA2Ugz/Xgxy7PF2N4RSc=", DecryptionException.Reason.NOT_BASE64,
                "ciphertext is not Base64");
        assertReason(Base64.getEncoder().encodeToString(new byte[32]), DecryptionException.Reason.NO_SALT_HEADER,
                "ciphertext does not start with \"Salted__\" and a salt");
        assertReason("", DecryptionException.Reason.NO_SALT_HEADER,
                "ciphertext does not start with \"Salted__\" and a salt");
        assertReason(Base64.getEncoder().encodeToString("Salted__12345678".getBytes(StandardCharsets.US_ASCII)),
                DecryptionException.Reason.BAD_LENGTH,
                "ciphertext has 0 bytes after the salt, not a positive multiple of 16");
        byte[] raw = Base64.getDecoder().decode("U2FsdGVkX1+hssPU5fYHGPxCA2Ugz/Xgxy7PF2N4RSc=");
        assertReason(Base64.getEncoder().encodeToString(Arrays.copyOf(raw, raw.length - 1)),
                DecryptionException.Reason.BAD_LENGTH,
                "ciphertext has 15 bytes after the salt, not a positive multiple of 16");
        assertThat(CryptoJsAes.tryDecrypt("not base64!", "secret")).isEmpty();
    }

    @Test
    void aTamperedSaltOrLastBlockNeverDecrypts() {
        String ciphertext = "U2FsdGVkX1+hssPU5fYHGPxCA2Ugz/Xgxy7PF2N4RSc="; // "Hello World!" / "secret"
        byte[] raw = Base64.getDecoder().decode(ciphertext);
        for (int bit = 8 * 8; bit < raw.length * 8; bit++) { // every bit after the "Salted__" header
            byte[] tampered = raw.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            String text = Base64.getEncoder().encodeToString(tampered);

            DecryptionException e = catchThrowableOfType(DecryptionException.class,
                    () -> CryptoJsAes.decrypt(text, "secret"));
            assertThat(e).as("bit %d", bit).isNotNull();
            assertThat(e.reason().isWrongKey()).isTrue();
        }
        byte[] header = raw.clone();
        header[0] ^= 1;
        assertReason(Base64.getEncoder().encodeToString(header), DecryptionException.Reason.NO_SALT_HEADER,
                "ciphertext does not start with \"Salted__\" and a salt");
    }

    /**
     * The CryptoJS format has no MAC: flipping a bit of ciphertext block i garbles plaintext block i and flips
     * the same bit of block i + 1. The strict UTF-8 check catches the garbled block unless its 16 random bytes
     * happen to be valid UTF-8 (about 1 in 10⁴), so tampering is caught here in practice, not in principle;
     * payload JSON parsing and the APP's uuid checks stand behind it.
     */
    @Test
    void aTamperedBitAnywhereInALongerCiphertextIsCaught() {
        String plaintext = "{\"key_type\":\"posting\",\"challenge\":\"log me in\"}"; // three blocks
        byte[] raw = Base64.getDecoder().decode(CryptoJsAes.encrypt(plaintext, "key", new byte[8]));
        for (int bit = 16 * 8; bit < raw.length * 8; bit++) {
            byte[] tampered = raw.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));

            assertThat(CryptoJsAes.tryDecrypt(Base64.getEncoder().encodeToString(tampered), "key"))
                    .as("bit %d", bit).isEmpty();
        }
    }

    private static Map<DecryptionException.Reason, Integer> tryWrongKeys(String ciphertext, int tries, Random random) {
        Map<DecryptionException.Reason, Integer> reasons = new EnumMap<>(DecryptionException.Reason.class);
        for (int i = 0; i < tries; i++) {
            String wrongKey = Long.toHexString(random.nextLong());
            DecryptionException e = catchThrowableOfType(DecryptionException.class,
                    () -> CryptoJsAes.decrypt(ciphertext, wrongKey));
            assertThat(e).as("wrong key %s decrypted", wrongKey).isNotNull();
            assertThat(CryptoJsAes.tryDecrypt(ciphertext, wrongKey)).isEmpty();
            reasons.merge(e.reason(), 1, Integer::sum);
        }
        return reasons;
    }

    private static double wrongKeyValueProbability(int blocks) {
        double total = 0;
        for (int pad = 1; pad <= 16; pad++) {
            total += Math.pow(256, -pad) * validUtf8Fraction(16 * blocks - pad);
        }
        return total;
    }

    /** The fraction of m-byte strings that are valid UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
    private static double validUtf8Fraction(int m) {
        // Sequences of each length, divided by 256^length: 1 byte 00-7F; 2 bytes C2-DF + 1 continuation;
        // 3 bytes E0 A0-BF, E1-EC, ED 80-9F, EE-EF; 4 bytes F0 90-BF, F1-F3, F4 80-8F.
        double[] sequences = {
            0,
            128 / 256.0,
            30 * 64 / Math.pow(256, 2),
            (32 * 64 + 12 * 64 * 64 + 32 * 64 + 2 * 64 * 64) / Math.pow(256, 3),
            (48 * 64 * 64 + 3 * 64 * 64 * 64 + 16 * 64 * 64) / Math.pow(256, 4),
        };
        double[] valid = new double[m + 1];
        valid[0] = 1;
        for (int i = 1; i <= m; i++) {
            for (int length = 1; length <= 4 && length <= i; length++) {
                valid[i] += sequences[length] * valid[i - length];
            }
        }
        return valid[m];
    }

    private static void assertReason(String ciphertext, DecryptionException.Reason reason, String message) {
        assertThatThrownBy(() -> CryptoJsAes.decrypt(ciphertext, "secret"))
                .isInstanceOfSatisfying(DecryptionException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessage(message);
    }

    private static String randomText(Random random, int codePoints) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int kind = random.nextInt(4);
            int codePoint;
            if (kind == 0) {
                codePoint = random.nextInt(0x80);
            } else if (kind == 1) {
                codePoint = 0x80 + random.nextInt(0x800 - 0x80);
            } else if (kind == 2) {
                do {
                    codePoint = 0x800 + random.nextInt(0x10000 - 0x800);
                } while (Character.isSurrogate((char) codePoint));
            } else {
                codePoint = 0x10000 + random.nextInt(0x110000 - 0x10000);
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
