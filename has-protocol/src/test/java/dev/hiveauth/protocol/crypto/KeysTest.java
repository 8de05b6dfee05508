package dev.hiveauth.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.testing.Vectors;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeysTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<JsonNode> keyVectors() {
        return Vectors.cases("keys.json").stream();
    }

    @ParameterizedTest
    @MethodSource("keyVectors")
    void keysJsonVectorsMatchInBothDirections(JsonNode vector) {
        if (!vector.has("wif")) { // the "null key" case has only a public side
            PublicKey nullKey = PublicKey.fromString(vector.get("public").asText());
            assertThat(nullKey.isNull()).isTrue();
            assertThat(HEX.formatHex(nullKey.toBytes())).isEqualTo(vector.get("public_hex").asText());
            assertThat(nullKey).hasToString(vector.get("public").asText());
            return;
        }
        PrivateKey key = PrivateKey.fromWif(vector.get("wif").asText());
        assertThat(HEX.formatHex(key.toBytes())).isEqualTo(vector.get("private_hex").asText());
        assertThat(key.toWif()).isEqualTo(vector.get("wif").asText());
        assertThat(key.publicKey().toString()).isEqualTo(vector.get("public").asText());
        assertThat(HEX.formatHex(key.publicKey().toBytes())).isEqualTo(vector.get("public_hex").asText());

        PublicKey parsed = PublicKey.fromString(vector.get("public").asText());
        assertThat(parsed).isEqualTo(key.publicKey()).hasSameHashCodeAs(key.publicKey());
        assertThat(PrivateKey.fromBytes(HEX.parseHex(vector.get("private_hex").asText()))).isEqualTo(key);
    }

    @Test
    void derivesKeysFromSeedsAndLoginsAsHiveJsAndDhiveDo() {
        assertThat(PrivateKey.fromSeed("1").toWif()).isEqualTo("5JdeC9P7Pbd1uGdFVEsJ41EkEnADbbHGq6p1BwFxm6txNBsQnsw");
        assertThat(PrivateKey.fromSeed("1").publicKey())
                .hasToString("STM8m5UgaFAAYQRuaNejYdS8FVLVp9Ss3K1qAVk5de6F8s3HnVbvA");
        assertThat(PrivateKey.fromSeed("").toWif()).isEqualTo("5KYZdUEo39z3FPrtuX2QbbwGnNP5zTd7yyr2SC1j299sBCnWjss");
        assertThat(PrivateKey.fromSeed("hello").publicKey())
                .hasToString("STM7s4VJuYFfHq8HCPpgC649Lu7CjA1V9oXgPfv8f3fszKMk3Kny9");
        assertThat(PrivateKey.fromLogin("foo", "barman", "active").toWif())
                .isEqualTo("5KG4sr3rMH1QuduYj79p36h7PrEeZakHEPjB9NkLWqgw19DDieL");
        assertThat(PrivateKey.fromLogin("foo", "barman", "active").publicKey())
                .hasToString("STM87F7tN56tAUL2C6J9Gzi9HzgNpZdi6M2cLQo7TjDU5v178QsYA");
        assertThat(PrivateKey.fromLogin("foo", "barman", "posting").publicKey())
                .hasToString("STM85dnGD6wpMyjmBU2RRvWRDHMxgssqLYLpvX95ct6w3p4tFkvf9");
    }

    @Test
    void theNullKeyIsThirtyThreeZeroBytes() {
        PublicKey nullKey = PublicKey.fromString("STM1111111111111111111111111111111114T1Anm");
        assertThat(nullKey).isSameAs(PublicKey.NULL);
        assertThat(nullKey.isNull()).isTrue();
        assertThat(nullKey.toBytes()).isEqualTo(new byte[33]);
        assertThat(PublicKey.NULL).hasToString("STM1111111111111111111111111111111114T1Anm");
    }

    @Test
    void otherAddressPrefixesAreReadWhenAsked() {
        PublicKey key = PublicKey.fromString("STX8FiV6v7yqYWTZz8WuFDckWr62L9X34hCy6koe8vd2cDJHimtgM", "STX");
        assertThat(key).hasToString("STM8FiV6v7yqYWTZz8WuFDckWr62L9X34hCy6koe8vd2cDJHimtgM");
        assertThat(key.toString("STX")).isEqualTo("STX8FiV6v7yqYWTZz8WuFDckWr62L9X34hCy6koe8vd2cDJHimtgM");
        assertThat(PrivateKey.fromWif("5JQy7moK9SvNNDxn8rKNfQYFME5VDYC2j9Mv2tb7uXV5jz3fQR8").publicKey()).isEqualTo(key);
    }

    @Test
    void malformedPublicKeysAreRefusedWithTheReason() {
        String good = "STM8QykigLRi9ZUcNy1iXGY3KjRuCiLM8Ga49LHti1F8hgawKFc3K";
        assertThatThrownBy(() -> PublicKey.fromString("TST" + good.substring(3)))
                .hasMessage("public key must start with STM");
        assertThatThrownBy(() -> PublicKey.fromString(good.substring(0, good.length() - 1) + "L"))
                .hasMessage("the public key is mistyped: its checksum does not match");
        assertThatThrownBy(() -> PublicKey.fromString("STM0abc")).hasMessageStartingWith("public key is not Base58");
        assertThatThrownBy(() -> PublicKey.fromString("STMabc"))
                .hasMessage("not a public key: a public key is STM and 50 more characters, this is 6 characters long");
        String wif = "5K2yDAd9KAZ3ZitBsAPyRka9PLFemUrbcL6UziZiPaw2c6jCeLH";
        assertThatThrownBy(() -> PublicKey.fromString(wif)).hasMessageContaining("looks like a private key (WIF)")
                .message().doesNotContain(wif);
        assertThatThrownBy(() -> PublicKey.fromString(null)).isInstanceOf(IllegalArgumentException.class);
        byte[] notOnCurve = new byte[33];
        notOnCurve[0] = 2;
        notOnCurve[32] = 5; // x = 5 has no y on secp256k1
        assertThatThrownBy(() -> PublicKey.fromBytes(notOnCurve)).hasMessage("public key is not a point on secp256k1");
        byte[] badPrefix = new byte[33];
        badPrefix[0] = 4;
        assertThatThrownBy(() -> PublicKey.fromBytes(badPrefix)).hasMessage("compressed public key must start with 02 or 03");
    }

    @Test
    void malformedWifsAreRefusedWithoutEchoingTheKey() {
        String wif = "5K2yDAd9KAZ3ZitBsAPyRka9PLFemUrbcL6UziZiPaw2c6jCeLH";
        String tampered = wif.substring(0, 10) + (wif.charAt(10) == 'Z' ? 'Y' : 'Z') + wif.substring(11);
        assertThatThrownBy(() -> PrivateKey.fromWif(tampered))
                .hasMessage("the private key (WIF) is mistyped: its checksum does not match")
                .message().doesNotContain(tampered);
        assertThatThrownBy(() -> PrivateKey.fromWif("not-base58-0OIl")).hasMessageStartingWith("not a private key (WIF): "
                + "it has characters a WIF never has");
        assertThatThrownBy(() -> PrivateKey.fromWif("STM8QykigLRi9ZUcNy1iXGY3KjRuCiLM8Ga49LHti1F8hgawKFc3K"))
                .hasMessage("this is a public key (STM…), not a private key: a private key (WIF) starts with 5 and is 51 "
                        + "characters long");
        assertThatThrownBy(() -> PrivateKey.fromWif(wif.substring(0, 40)))
                .hasMessage("not a private key (WIF): a WIF starts with 5 and is 51 characters long, this is 40 characters");
        assertThatThrownBy(() -> PrivateKey.fromBytes(new byte[32])).hasMessage("private key is out of range for secp256k1");
        assertThatThrownBy(() -> PrivateKey.fromWif(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        PrivateKey key = PrivateKey.fromSeed("secret");
        assertThat(key.toString()).doesNotContain(key.toWif()).contains(key.publicKey().toString());
    }

    @Test
    void generatedKeysRoundTripThroughWifAndStrings() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            PrivateKey key = PrivateKey.generate(random);
            assertThat(key.toWif()).matches("5[HJK][1-9A-HJ-NP-Za-km-z]{49}");
            assertThat(PrivateKey.fromWif(key.toWif())).isEqualTo(key);
            assertThat(PublicKey.fromString(key.publicKey().toString())).isEqualTo(key.publicKey());
        }
    }

    @Test
    void theRememberedSharedSecretIsRightWhenPeersAlternateAndCannotBeCorruptedByACaller() {
        PrivateKey mine = PrivateKey.generate();
        PublicKey server = PrivateKey.generate().publicKey();
        PublicKey other = PrivateKey.generate().publicKey();
        byte[] withServer = mine.computeSharedSecret(server);
        byte[] withOther = mine.computeSharedSecret(other);
        for (int i = 0; i < 3; i++) {
            assertThat(mine.sharedSecret(server)).isEqualTo(withServer);
            assertThat(mine.sharedSecret(server)).isEqualTo(withServer);
            assertThat(mine.sharedSecret(other)).isEqualTo(withOther);
        }
        byte[] handedOut = mine.sharedSecret(other);
        handedOut[0] ^= 1;
        assertThat(mine.sharedSecret(other)).isEqualTo(withOther);
    }

    @Test
    void sharedSecretsAreSymmetricAndMatchHiveJs() {
        PrivateKey mine = PrivateKey.fromBytes(HEX.parseHex("8fdfdde486f696fd7c6313325e14d3ff0c34b6e2c390d1944cbfe150f4457168"));
        PublicKey theirs = PublicKey.fromString("STM7vbxtK1WaZqXsiCHPcjVFBewVj8HFRd5Z5XZDpN6Pvb2dZcMqK");
        byte[] secret = mine.sharedSecret(theirs);
        assertThat(HEX.formatHex(secret)).isEqualTo("a91331a17e8b0ee52229b74075eb9526715ad30dbd87b8f3460d024089ec3c0f"
                + "06c42cd773601cdbefa719441439c8a4f3a9167825a44db3f0b365ae67860a5d");
        assertThat(HEX.formatHex(Hash.sha256(secret)))
                .isEqualTo("1f296fa48172d9af63ef3fb6da8e369e6cc33c1fb7c164207a3549b39e8ef698");

        PrivateKey a = PrivateKey.generate();
        PrivateKey b = PrivateKey.generate();
        assertThat(a.sharedSecret(b.publicKey())).isEqualTo(b.sharedSecret(a.publicKey()));
    }
}
