package dev.hiveauth.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesTheWifVectorOfTheCryptoNotes() {
        byte[] raw = HEX.parseHex("80a07eb78ab4686bc5ba08d907758d55d04d072bf48dc32e4e0bc056ed89ce3cc37835904a");
        assertThat(Base58.encode(raw)).isEqualTo("5K2yDAd9KAZ3ZitBsAPyRka9PLFemUrbcL6UziZiPaw2c6jCeLH");
        assertThat(Base58.decode("5K2yDAd9KAZ3ZitBsAPyRka9PLFemUrbcL6UziZiPaw2c6jCeLH")).isEqualTo(raw);
    }

    @Test
    void leadingZeroBytesBecomeLeadingOnes() {
        assertThat(Base58.encode(new byte[] {0, 0, 1})).isEqualTo("112");
        assertThat(Base58.decode("112")).containsExactly(0, 0, 1);
        assertThat(Base58.encode(new byte[33])).isEqualTo("1".repeat(33));
        assertThat(Base58.encode(new byte[0])).isEmpty();
        assertThat(Base58.decode("")).isEmpty();
    }

    @Test
    void rejectsCharactersOutsideTheAlphabet() {
        assertThatThrownBy(() -> Base58.decode("abc0def"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid Base58 character '0' at position 3");
        assertThatThrownBy(() -> Base58.decode("Il")).hasMessageContaining("'I'");
        assertThatThrownBy(() -> Base58.decode("ä")).hasMessageContaining("'ä'");
    }

    @Test
    void agreesWithTheTextbookBigIntegerConversion() {
        Random random = new Random(5858);
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            for (int z = 0; z < bytes.length && random.nextInt(4) == 0; z++) {
                bytes[z] = 0;
            }
            String expected = textbookEncode(bytes);
            assertThat(Base58.encode(bytes)).isEqualTo(expected);
            assertThat(Base58.decode(expected)).isEqualTo(bytes);
        }
    }

    /** The definition: repeated division of the whole number by 58, one '1' per leading zero byte. */
    private static String textbookEncode(byte[] bytes) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder digits = new StringBuilder();
        java.math.BigInteger value = new java.math.BigInteger(1, bytes);
        java.math.BigInteger base = java.math.BigInteger.valueOf(58);
        while (value.signum() > 0) {
            java.math.BigInteger[] qr = value.divideAndRemainder(base);
            digits.append(alphabet.charAt(qr[1].intValue()));
            value = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            digits.append('1');
        }
        return digits.reverse().toString();
    }

    @Test
    void roundTripsRandomBytes() {
        Random random = new Random(58);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = 0;
            }
            assertThat(Base58.decode(Base58.encode(bytes))).isEqualTo(bytes);
        }
    }
}
