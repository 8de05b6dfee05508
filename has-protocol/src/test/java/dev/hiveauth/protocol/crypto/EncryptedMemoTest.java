package dev.hiveauth.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The parsed memo: what malformed memos are told, and memos built here by hand with the JDK's own AES (so the
 * library's cipher is checked against a second implementation), including ones from senders without the
 * length prefix.
 */
class EncryptedMemoTest {
    private final PrivateKey alice = PrivateKey.fromSeed("alice memo");
    private final PrivateKey bob = PrivateKey.fromSeed("bob memo");

    @Test
    void aMemoBuiltByHandWithTheJdkCipherIsWhatEncodeWrites() throws Exception {
        byte[] plaintext = {13, '1', '7', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'};
        String byHand = handMade(alice, bob.publicKey(), 77, plaintext, "AES/CBC/PKCS5Padding");

        assertThat(Memo.encode(alice, bob.publicKey(), "#1700000000000", 77)).isEqualTo(byHand);
    }

    @Test
    void aSenderThatOmitsTheLengthPrefixIsStillRead() throws Exception {
        // old Python libraries encrypt the raw UTF-8; hive-js falls back to the whole plaintext, and so do we
        for (String text : new String[] {"1700000000000", "héllo wörld 爱", "x".repeat(100), ""}) {
            String raw = handMade(alice, bob.publicKey(), 8, text.getBytes(StandardCharsets.UTF_8), "AES/CBC/PKCS5Padding");

            assertThat(Memo.decode(bob, raw)).isEqualTo("#" + text);
            assertThat(Memo.decode(alice, raw)).isEqualTo("#" + text);
        }
    }

    @Test
    void aRawTextStartingWithALengthLikeCharacterIsNotCut() throws Exception {
        // 0x02 would be read by hive-js as "2 bytes follow" and cut to "he"; we take the prefix only when it
        // describes exactly the rest of the plaintext
        byte[] text = "\u0002hello".getBytes(StandardCharsets.UTF_8);
        String raw = handMade(alice, bob.publicKey(), 9, text, "AES/CBC/PKCS5Padding");

        assertThat(Memo.decode(bob, raw)).isEqualTo("#\u0002hello");
    }

    @Test
    void invalidUtf8IsRefusedRatherThanReplaced() throws Exception {
        byte[] prefixed = {2, (byte) 0xC3, (byte) 0x28};
        byte[] raw = {(byte) 0xFF, (byte) 0xFE, 'a'};
        for (byte[] plaintext : new byte[][] {prefixed, raw}) {
            String memo = handMade(alice, bob.publicKey(), 10, plaintext, "AES/CBC/PKCS5Padding");

            MemoException refused = catchThrowableOfType(MemoException.class, () -> Memo.decode(bob, memo));

            assertThat(refused).hasMessage("memo plaintext is not valid UTF-8");
            assertThat(refused.reason()).isEqualTo(MemoException.Reason.UNREADABLE);
        }
    }

    @Test
    void aBlockWithoutValidPaddingIsRefused() throws Exception {
        byte[] unpadded = new byte[16]; // last byte 0: not PKCS#7
        unpadded[0] = 1;
        String memo = handMade(alice, bob.publicKey(), 11, unpadded, "AES/CBC/NoPadding");

        assertThatThrownBy(() -> Memo.decode(bob, memo)).isInstanceOf(MemoException.class)
                .hasMessage("memo ciphertext does not decrypt (bad padding)");
    }

    @Test
    void malformedMemosAreToldWhatIsWrong() {
        byte[] good = EncryptedMemo.parse(Memo.encode(alice, bob.publicKey(), "#1700000000000", 1)).toBytes();
        assertThat(good).hasSize(78 + 1 + 16);

        assertRefused(null, "memo is missing");
        assertRefused("", "memo is missing");
        assertRefused("1700000000000", "memo does not start with '#'");
        assertRefused("#abc0def", "memo is not Base58: invalid Base58 character '0' at position 3");
        assertRefused("#", "memo is truncated: 0 bytes, a memo has at least 95");
        assertRefused(wire(Arrays.copyOf(good, 60)), "memo is truncated: 60 bytes, a memo has at least 95");
        assertRefused(wire(Arrays.copyOf(good, 87)), "memo is truncated: the ciphertext should be 16 bytes but only 8 follow");
        assertRefused(wire(Arrays.copyOf(good, 98)), "memo has 3 bytes after the ciphertext");
        assertRefused(wire(withLength(good, 0, 0)), "memo ciphertext must be a positive multiple of 16 bytes, got 0");
        assertRefused(wire(withLength(good, 15, 15)), "memo ciphertext must be a positive multiple of 16 bytes, got 15");
        byte[] overlong = Arrays.copyOf(good, 84);
        Arrays.fill(overlong, 78, 84, (byte) 0x80);
        assertRefused(wire(overlong), "memo is truncated: its ciphertext length is cut or not a varint32");
    }

    @Test
    void keysThatAreNotPointsAreRefusedWhenTheyAreNeeded() {
        byte[] bytes = EncryptedMemo.parse(Memo.encode(alice, bob.publicKey(), "#x", 1)).toBytes();
        Arrays.fill(bytes, 0, 33, (byte) 0);
        bytes[33] = 4;
        EncryptedMemo memo = EncryptedMemo.fromBytes(bytes); // parsing does no curve arithmetic

        assertThatThrownBy(memo::from).isInstanceOf(MemoException.class).hasMessage("memo from key is the null key");
        assertThatThrownBy(memo::to).hasMessage("memo to key is not a valid public key");
        assertThatThrownBy(() -> memo.decrypt(bob)).hasMessage("memo from key is the null key");
        assertThatThrownBy(() -> Memo.encode(alice, PublicKey.NULL, "#x"))
                .hasMessage("memo cannot be encrypted to the null key");
        assertThatThrownBy(() -> Memo.encode(alice, bob.publicKey(), "#half a pair \uD83D"))
                .isInstanceOf(MemoException.class)
                .hasMessage("memo text is not valid Unicode (unpaired surrogate)");
    }

    @Test
    void errorsNeverShowKeyMaterial() {
        String memo = Memo.encode(alice, bob.publicKey(), "#secret plan", 3);
        PrivateKey eve = PrivateKey.fromSeed("eve");

        MemoException refused = catchThrowableOfType(MemoException.class, () -> Memo.decode(eve, memo));

        assertThat(refused.getMessage()).doesNotContain(eve.toWif(), alice.toWif(), bob.toWif(), "secret plan");
    }

    @Test
    void isAValueThatSerializesBackToTheSameMemo() {
        String wire = Memo.encode(alice, bob.publicKey(), "#value", 12345);
        EncryptedMemo memo = EncryptedMemo.parse(wire);

        assertThat(EncryptedMemo.fromBytes(memo.toBytes())).isEqualTo(memo).hasSameHashCodeAs(memo);
        assertThat(memo).hasToString(wire);
        assertThat(memo.nonce()).isEqualTo(12345);
        memo.ciphertext()[0] ^= 1; // a copy: the memo is immutable
        assertThat(memo).hasToString(wire);
        assertThat(EncryptedMemo.parse(Memo.encode(alice, bob.publicKey(), "#value", 12346))).isNotEqualTo(memo);
    }

    private static void assertRefused(String memo, String message) {
        MemoException refused = catchThrowableOfType(MemoException.class, () -> EncryptedMemo.parse(memo));
        assertThat(refused).hasMessage(message);
        assertThat(refused.reason()).isEqualTo(MemoException.Reason.MALFORMED);
    }

    private static String wire(byte[] serialized) {
        return "#" + Base58.encode(serialized);
    }

    /** The header of {@code memo} followed by a one-byte length and {@code count} zero bytes. */
    private static byte[] withLength(byte[] memo, int length, int count) {
        byte[] out = Arrays.copyOf(memo, 79 + count);
        out[78] = (byte) length;
        Arrays.fill(out, 79, out.length, (byte) 0);
        return out;
    }

    /** from ‖ to ‖ nonce LE ‖ check ‖ varint(len) ‖ AES-256-CBC(plaintext), written out with the JDK. */
    private static String handMade(PrivateKey from, PublicKey to, long nonce, byte[] plaintext, String transformation)
            throws Exception {
        byte[] nonceLe = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(nonce).array();
        byte[] encryptionKey = Hash.sha512(nonceLe, from.sharedSecret(to));
        Cipher aes = Cipher.getInstance(transformation);
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, 0, 32, "AES"),
                new IvParameterSpec(encryptionKey, 32, 16));
        byte[] ciphertext = aes.doFinal(plaintext);
        assertThat(ciphertext.length).isLessThan(128); // a one-byte varint
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(from.publicKey().toBytes());
        out.write(to.toBytes());
        out.write(nonceLe);
        out.write(Hash.sha256(encryptionKey), 0, 4);
        out.write(ciphertext.length);
        out.write(ciphertext);
        return wire(out.toByteArray());
    }
}
