package dev.hiveauth.protocol.crypto;

import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A Hive public key: a compressed secp256k1 point, written {@code "STM" + Base58(point ‖ ripemd160(point)[0..4])}.
 * Hive keeps the Steem prefix {@code STM} on mainnet. The null key (33 zero bytes, used by some
 * operations to mean "no key") is representable but is not a curve point.
 */
public final class PublicKey {
    /** Mainnet address prefix. */
    public static final String PREFIX = "STM";
    /** 33 zero bytes: {@code STM1111111111111111111111111111111114T1Anm}. */
    public static final PublicKey NULL = new PublicKey(new byte[33], null);

    private final byte[] compressed;
    private final ECPoint point;
    private final int hash;

    private PublicKey(byte[] compressed, ECPoint point) {
        this.compressed = compressed;
        this.point = point;
        this.hash = Arrays.hashCode(compressed);
    }

    static PublicKey of(ECPoint point) {
        ECPoint normalized = point.normalize();
        return new PublicKey(normalized.getEncoded(true), normalized);
    }

    /** Parses {@code STM…}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static PublicKey fromString(String text) {
        return fromString(text, PREFIX);
    }

    /** Parses a key written with another address prefix (testnets use {@code TST}). */
    public static PublicKey fromString(String text, String prefix) {
        if (text == null || !text.startsWith(prefix)) {
            if (text != null && text.startsWith("5") && text.length() == 51) {
                // never echo it: someone just pasted a private key where a public one belongs
                throw new IllegalArgumentException("this looks like a private key (WIF), not a public key: a public key "
                        + "starts with " + prefix + " (and a private key should be shown to no one)");
            }
            throw new IllegalArgumentException("public key must start with " + prefix);
        }
        byte[] raw;
        try {
            raw = Base58.decode(text.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not Base58: " + e.getMessage(), e);
        }
        if (raw.length != 37) {
            throw new IllegalArgumentException("not a public key: a public key is " + prefix + " and 50 more characters, "
                    + "this is " + text.length() + " characters long");
        }
        byte[] key = Arrays.copyOf(raw, 33);
        byte[] checksum = Arrays.copyOf(Hash.ripemd160(key), 4);
        if (!Arrays.equals(checksum, Arrays.copyOfRange(raw, 33, 37))) {
            throw new IllegalArgumentException("the public key is mistyped: its checksum does not match");
        }
        return fromBytes(key);
    }

    /** From the 33-byte compressed encoding (or the 33 zero bytes of the null key). */
    public static PublicKey fromBytes(byte[] compressed) {
        if (compressed.length != 33) {
            throw new IllegalArgumentException("compressed public key must be 33 bytes, got " + compressed.length);
        }
        if (Arrays.equals(compressed, NULL.compressed)) {
            return NULL;
        }
        if (compressed[0] != 2 && compressed[0] != 3) {
            throw new IllegalArgumentException("compressed public key must start with 02 or 03");
        }
        ECPoint point;
        try {
            point = Secp256k1.PARAMS.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not a point on secp256k1", e);
        }
        return new PublicKey(compressed.clone(), point.normalize());
    }

    /** True for the null key, which has no curve point. */
    public boolean isNull() {
        return point == null;
    }

    /** The 33-byte compressed encoding. */
    public byte[] toBytes() {
        return compressed.clone();
    }

    ECPoint point() {
        if (point == null) {
            throw new IllegalStateException("the null public key is not a curve point");
        }
        return point;
    }

    /** The 65-byte uncompressed encoding, 04 ‖ x ‖ y: what a native library parses without a square root. */
    byte[] uncompressed() {
        return point().getEncoded(false);
    }

    /** Checks a signature over a 32-byte digest (any valid signature: hive-js, dhive, low-S or not). */
    public boolean verify(byte[] digest, Signature signature) {
        return !isNull() && signature.verify(digest, this);
    }

    @Override
    public String toString() {
        return toString(PREFIX);
    }

    /** The key as text with another prefix than {@code STM} (e.g. {@code TST} on a test net). */
    public String toString(String prefix) {
        byte[] checksum = Hash.ripemd160(compressed);
        byte[] raw = Arrays.copyOf(compressed, 37);
        System.arraycopy(checksum, 0, raw, 33, 4);
        return prefix + Base58.encode(raw);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PublicKey that && Arrays.equals(compressed, that.compressed);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
