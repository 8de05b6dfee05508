package dev.hiveauth.protocol.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The symmetric half of a memo (hive-js {@code ecc/src/aes.js}): encryption key = sha512(nonce LE ‖ shared secret),
 * AES-256-CBC with key = ek[0..32), IV = ek[32..48), PKCS#7, and check = first 4 bytes of sha256(ek).
 */
final class MemoCipher {
    static final int BLOCK = 16;

    private MemoCipher() {
    }

    /** sha512 of the nonce as 8 little-endian bytes (unsigned: all 64 bits) followed by the raw 64-byte secret. */
    static byte[] encryptionKey(long nonce, byte[] sharedSecret) {
        byte[] nonceLe = new byte[8];
        for (int i = 0; i < 8; i++) {
            nonceLe[i] = (byte) (nonce >>> (8 * i));
        }
        return Hash.sha512(nonceLe, sharedSecret);
    }

    /** The first 4 bytes of sha256(ek) read as a little-endian uint32, i.e. serialized as they come. */
    static int check(byte[] encryptionKey) {
        byte[] digest = Hash.sha256(encryptionKey);
        return (digest[0] & 0xFF) | (digest[1] & 0xFF) << 8 | (digest[2] & 0xFF) << 16 | (digest[3] & 0xFF) << 24;
    }

    static byte[] encrypt(byte[] encryptionKey, byte[] plaintext) {
        try {
            return run(true, encryptionKey, plaintext);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption with padding cannot fail", e);
        }
    }

    /** Only called once the check matched, so a padding error means the ciphertext was altered. */
    static byte[] decrypt(byte[] encryptionKey, byte[] ciphertext) {
        try {
            return run(false, encryptionKey, ciphertext);
        } catch (InvalidCipherTextException e) {
            throw new MemoException(MemoException.Reason.UNREADABLE, "memo ciphertext does not decrypt (bad padding)");
        }
    }

    private static byte[] run(boolean encrypt, byte[] encryptionKey, byte[] input) throws InvalidCipherTextException {
        PaddedBufferedBlockCipher cipher = new PaddedBufferedBlockCipher(
                CBCBlockCipher.newInstance(AESEngine.newInstance()), new PKCS7Padding());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(encryptionKey, 0, 32), encryptionKey, 32, BLOCK));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int length = cipher.processBytes(input, 0, input.length, out, 0);
        length += cipher.doFinal(out, length);
        return length == out.length ? out : Arrays.copyOf(out, length);
    }
}
