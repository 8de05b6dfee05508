package dev.hiveauth.protocol.crypto;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** The hash functions Hive uses (the JDK has no RIPEMD-160, so all come from BouncyCastle). */
public final class Hash {
    private Hash() {
    }

    /** SHA-256 of the parts, one after the other. */
    public static byte[] sha256(byte[]... parts) {
        return digest(new SHA256Digest(), parts);
    }

    /** SHA-512 of the parts, one after the other. */
    public static byte[] sha512(byte[]... parts) {
        return digest(new SHA512Digest(), parts);
    }

    /** RIPEMD-160 of the parts, one after the other. */
    public static byte[] ripemd160(byte[]... parts) {
        return digest(new RIPEMD160Digest(), parts);
    }

    private static byte[] digest(Digest digest, byte[]... parts) {
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
