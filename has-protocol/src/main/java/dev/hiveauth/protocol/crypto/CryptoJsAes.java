package dev.hiveauth.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.OpenSSLPBEParametersGenerator;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;

/**
 * CryptoJS passphrase AES, byte-compatible with crypto-js 4.2.0 {@code CryptoJS.AES.encrypt(text,
 * passphrase).toString()}: UTF-8 text and passphrase, a random 8-byte salt, OpenSSL EVP_BytesToKey (MD5,
 * one round) giving a 32-byte key and a 16-byte IV, AES-256-CBC with PKCS#7 padding, and standard Base64 of
 * {@code "Salted__" ‖ salt ‖ ciphertext}. HAS uses it for every {@code auth_key}-encrypted field.
 *
 * <p>Decryption never returns garbage where CryptoJS would: CryptoJS does not check the padding and
 * sometimes "decrypts" with a wrong key (7 in 2000 tries in the crypto notes). Here the padding is checked
 * and the plaintext must be strict UTF-8, so a wrong passphrase gives a value only when the garbage happens
 * to end in valid padding <em>and</em> be valid UTF-8: about 1 in 1.5 million tries for a one-block
 * ciphertext (text under 16 bytes), 1 in 1.4 × 10¹⁰ for two blocks, 1 in 10¹⁴ for three (a uuid) — computed
 * exactly in {@code CryptoJsAesTest}. Callers expecting JSON must also parse it, which removes the rest.
 *
 * <p>Stateless and thread-safe: every call builds its own cipher.
 */
public final class CryptoJsAes {
    private static final byte[] HEADER = "Salted__".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_LENGTH = 8;
    private static final int BLOCK = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CryptoJsAes() {
    }

    /** Encrypts with a fresh random salt. */
    public static String encrypt(String plaintext, String passphrase) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, passphrase, salt);
    }

    /**
     * Encrypts with the given 8-byte salt (for test vectors and deterministic tests).
     *
     * @throws IllegalArgumentException if the salt is not 8 bytes, or a string holds an unpaired surrogate
     *     (CryptoJS's UTF-8 encoder throws on those too)
     */
    public static String encrypt(String plaintext, String passphrase, byte[] salt) {
        Objects.requireNonNull(plaintext, "plaintext");
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("salt must be " + SALT_LENGTH + " bytes, got " + salt.length);
        }
        byte[] input = utf8("plaintext", plaintext);
        PaddedBufferedBlockCipher cipher = cipher(true, passphrase, salt);
        byte[] out = new byte[HEADER.length + SALT_LENGTH + cipher.getOutputSize(input.length)];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        System.arraycopy(salt, 0, out, HEADER.length, SALT_LENGTH);
        int offset = HEADER.length + SALT_LENGTH;
        try {
            int written = cipher.processBytes(input, 0, input.length, out, offset);
            written += cipher.doFinal(out, offset + written);
            return Base64.getEncoder().encodeToString(Arrays.copyOf(out, offset + written));
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("padding failed while encrypting", e);
        }
    }

    /**
     * Decrypts a CryptoJS ciphertext.
     *
     * @throws DecryptionException with the precise reason when it is malformed, or does not decrypt to
     *     valid UTF-8 with this passphrase
     */
    public static String decrypt(String ciphertext, String passphrase) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException(DecryptionException.Reason.NOT_BASE64, "ciphertext is not Base64");
        }
        if (raw.length < HEADER.length + SALT_LENGTH
                || !Arrays.equals(raw, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw new DecryptionException(DecryptionException.Reason.NO_SALT_HEADER,
                    "ciphertext does not start with \"Salted__\" and a salt");
        }
        int offset = HEADER.length + SALT_LENGTH;
        int length = raw.length - offset;
        if (length == 0 || length % BLOCK != 0) {
            throw new DecryptionException(DecryptionException.Reason.BAD_LENGTH,
                    "ciphertext has " + length + " bytes after the salt, not a positive multiple of " + BLOCK);
        }
        byte[] salt = Arrays.copyOfRange(raw, HEADER.length, offset);
        PaddedBufferedBlockCipher cipher = cipher(false, passphrase, salt);
        byte[] plain = new byte[cipher.getOutputSize(length)];
        int written;
        try {
            written = cipher.processBytes(raw, offset, length, plain, 0);
            written += cipher.doFinal(plain, written);
        } catch (InvalidCipherTextException e) {
            throw new DecryptionException(DecryptionException.Reason.BAD_PADDING,
                    "ciphertext does not decrypt with this passphrase (bad padding)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain, 0, written))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecryptionException(DecryptionException.Reason.NOT_UTF8,
                    "ciphertext does not decrypt with this passphrase (not UTF-8)");
        }
    }

    /** The plaintext, or empty when {@link #decrypt} would throw. */
    public static Optional<String> tryDecrypt(String ciphertext, String passphrase) {
        try {
            return Optional.of(decrypt(ciphertext, passphrase));
        } catch (DecryptionException e) {
            return Optional.empty();
        }
    }

    private static PaddedBufferedBlockCipher cipher(boolean encrypt, String passphrase, byte[] salt) {
        OpenSSLPBEParametersGenerator kdf = new OpenSSLPBEParametersGenerator(new MD5Digest());
        kdf.init(utf8("passphrase", passphrase), salt);
        // EVP_BytesToKey output: bytes 0..32 are the AES-256 key, bytes 32..48 the IV (sizes in bits).
        CipherParameters keyAndIv = kdf.generateDerivedParameters(256, 128);
        PaddedBufferedBlockCipher cipher =
                new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()), new PKCS7Padding());
        cipher.init(encrypt, keyAndIv);
        return cipher;
    }

    private static byte[] utf8(String what, String text) {
        Objects.requireNonNull(text, what);
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            return Arrays.copyOf(bytes.array(), bytes.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not valid Unicode (unpaired surrogate)", e);
        }
    }
}
