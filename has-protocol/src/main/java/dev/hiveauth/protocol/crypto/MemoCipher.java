package dev.hiveauth.protocol.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric half of a memo (hive-js {@code ecc/src/aes.js}): encryption key = sha512(nonce LE ‖ shared secret),
 * AES-256-CBC with key = ek[0..32), IV = ek[32..48), PKCS#7, and check = first 4 bytes of sha256(ek).
 * The JDK's AES runs on the processor's AES instructions: a relay in strict mode decrypts a memo per reply.
 */
final class MemoCipher {
    static final int BLOCK = 16;
    /** PKCS#5 is PKCS#7 for 16-byte blocks (the JDK keeps the older name). Looking a cipher up costs more than using it. */
    private static final ThreadLocal<Cipher> AES_CBC = ThreadLocal.withInitial(MemoCipher::aesCbc);

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
            return run(Cipher.ENCRYPT_MODE, encryptionKey, plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption with padding cannot fail", e);
        }
    }

    /**
     * Only called once the check matched, so a padding error means the ciphertext was altered (its length, whole
     * blocks, was checked when the memo was parsed).
     */
    static byte[] decrypt(byte[] encryptionKey, byte[] ciphertext) {
        try {
            return run(Cipher.DECRYPT_MODE, encryptionKey, ciphertext);
        } catch (BadPaddingException e) {
            throw new MemoException(MemoException.Reason.UNREADABLE, "memo ciphertext does not decrypt (bad padding)");
        } catch (GeneralSecurityException e) {
            throw new MemoException(MemoException.Reason.UNREADABLE, "memo ciphertext does not decrypt: " + e.getMessage());
        }
    }

    private static byte[] run(int mode, byte[] encryptionKey, byte[] input) throws GeneralSecurityException {
        Cipher cipher = AES_CBC.get();
        cipher.init(mode, new SecretKeySpec(encryptionKey, 0, 32, "AES"), new IvParameterSpec(encryptionKey, 32, BLOCK));
        return cipher.doFinal(input);
    }

    private static Cipher aesCbc() {
        try {
            return Cipher.getInstance("AES/CBC/PKCS5Padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has AES/CBC/PKCS5Padding", e); // Java SE requires it
        }
    }
}
