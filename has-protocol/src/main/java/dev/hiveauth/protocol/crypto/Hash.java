package dev.hiveauth.protocol.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * The hash functions Hive uses. SHA-256 and SHA-512 are the JDK's, which runs them on the processor's SHA
 * instructions where it has them (several times BouncyCastle's speed on the relay's per-reply proof check); the JDK
 * has no RIPEMD-160, so that one is BouncyCastle's.
 */
public final class Hash {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> jdk("SHA-256"));
    private static final ThreadLocal<MessageDigest> SHA512 = ThreadLocal.withInitial(() -> jdk("SHA-512"));

    private Hash() {
    }

    /** SHA-256 of the parts, one after the other. */
    public static byte[] sha256(byte[]... parts) {
        return digest(SHA256.get(), parts);
    }

    /** SHA-512 of the parts, one after the other. */
    public static byte[] sha512(byte[]... parts) {
        return digest(SHA512.get(), parts);
    }

    /** RIPEMD-160 of the parts, one after the other. */
    public static byte[] ripemd160(byte[]... parts) {
        RIPEMD160Digest digest = new RIPEMD160Digest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /** A digest is reset by {@code digest()}, so each thread reuses its own instead of looking one up per hash. */
    private static byte[] digest(MessageDigest digest, byte[]... parts) {
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    private static MessageDigest jdk(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e); // required by the Java SE spec
        }
    }
}
