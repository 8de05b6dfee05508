package dev.hiveauth.protocol.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A compact recoverable secp256k1 signature: {@code header ‖ r(32) ‖ s(32)}, header = 27 + 4 + recovery id,
 * carried as 130 lowercase hex characters.
 */
public final class Signature {
    private static final int COMPACT_COMPRESSED = 27 + 4;

    private final int recoveryId;
    private final BigInteger r;
    private final BigInteger s;

    private Signature(int recoveryId, BigInteger r, BigInteger s) {
        this.recoveryId = recoveryId;
        this.r = r;
        this.s = s;
    }

    /** Parses 130 hex characters; headers 27..34 are accepted, as hive-js does. */
    public static Signature fromHex(String hex) {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature is not hex");
        }
        return fromBytes(bytes);
    }

    /** Reads the 65-byte compact form: recovery byte, then r and s. */
    public static Signature fromBytes(byte[] compact) {
        if (compact.length != 65) {
            throw new IllegalArgumentException("signature must be 65 bytes, got " + compact.length);
        }
        int header = compact[0] & 0xFF;
        if (header < 27 || header > 34) {
            throw new IllegalArgumentException("signature header must be 27..34, got " + header);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(compact, 1, 33));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(compact, 33, 65));
        if (r.signum() == 0 || r.compareTo(Secp256k1.N) >= 0 || s.signum() == 0 || s.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalArgumentException("signature r and s must be in 1..n-1");
        }
        return new Signature((header - 27) & 3, r, s);
    }

    /**
     * hive-js {@code signBufferSha256}: RFC 6979 nonces; while the result is not canonical, retry with the
     * nonce derived from sha256(digest ‖ attempt zero bytes) — the digest signed stays the same.
     */
    static Signature sign(byte[] digest, BigInteger d) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes, got " + digest.length);
        }
        BigInteger e = new BigInteger(1, digest);
        for (int attempt = 0; ; attempt++) {
            byte[] nonceSeed = attempt == 0 ? digest : Hash.sha256(digest, new byte[attempt]);
            HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
            nonces.init(Secp256k1.N, d, nonceSeed);
            BigInteger r;
            BigInteger s;
            ECPoint bigR;
            do {
                BigInteger k = nonces.nextK();
                bigR = Secp256k1.multiplyBase(k);
                r = bigR.getAffineXCoord().toBigInteger().mod(Secp256k1.N);
                s = r.signum() == 0 ? BigInteger.ZERO
                        : k.modInverse(Secp256k1.N).multiply(e.add(d.multiply(r))).mod(Secp256k1.N);
            } while (r.signum() == 0 || s.signum() == 0);
            // The recovery id is R's y parity (flipped with s when s is made low) plus 2 if R.x ≥ n — what
            // hive-js finds by trying each recovery, without four point multiplications.
            int recoveryId = (bigR.getAffineYCoord().testBitZero() ? 1 : 0)
                    | (bigR.getAffineXCoord().toBigInteger().compareTo(Secp256k1.N) >= 0 ? 2 : 0);
            if (s.compareTo(Secp256k1.HALF_N) > 0) {
                s = Secp256k1.N.subtract(s);
                recoveryId ^= 1;
            }
            if (isCanonical(r, s)) {
                return new Signature(recoveryId, r, s);
            }
        }
    }

    /**
     * The chain's (and hive-js's) canonical form: r and s each exactly 32 significant bytes in DER, i.e.
     * top bit clear and not a zero byte followed by a byte below 0x80.
     */
    static boolean isCanonical(BigInteger r, BigInteger s) {
        return r.bitLength() >= 248 && r.bitLength() <= 255 && s.bitLength() >= 248 && s.bitLength() <= 255;
    }

    /**
     * True if s ≤ n/2: what the chain requires since hardfork 20 (fc's {@code bip_0062} rule). Any wallet's
     * signature must pass this, whatever else its library did.
     */
    public boolean isLowS() {
        return s.compareTo(Secp256k1.HALF_N) <= 0;
    }

    /**
     * True if s ≤ n/2 and r and s each take exactly 32 bytes in DER (fc's older canonical rule): what hive-js,
     * dhive and this library produce, acceptable to the chain before and after hardfork 20.
     */
    public boolean isCanonical() {
        return isLowS() && isCanonical(r, s);
    }

    /** Recovers the signer's public key from a 32-byte digest; empty if the signature matches no key. */
    public Optional<PublicKey> recoverPublicKey(byte[] digest) {
        return recoverPoint(new BigInteger(1, digest)).map(PublicKey::of);
    }

    /** Recovers the signer of a UTF-8 message signed with hive-js {@code signBuffer}. */
    public Optional<PublicKey> recoverPublicKey(String message) {
        return recoverPublicKey(Hash.sha256(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** SEC 1 §4.1.6: Q = r⁻¹(s·R − e·G), R the point with x = r + (id/2)·n and the y parity id%2. */
    private Optional<ECPoint> recoverPoint(BigInteger e) {
        BigInteger x = r.add(BigInteger.valueOf(recoveryId >> 1).multiply(Secp256k1.N));
        if (x.compareTo(Secp256k1.PARAMS.getCurve().getField().getCharacteristic()) >= 0) {
            return Optional.empty();
        }
        byte[] encoded = new byte[33];
        encoded[0] = (byte) ((recoveryId & 1) == 0 ? 0x02 : 0x03);
        System.arraycopy(Secp256k1.toBytes32(x), 0, encoded, 1, 32);
        ECPoint bigR;
        try {
            bigR = Secp256k1.PARAMS.getCurve().decodePoint(encoded);
        } catch (IllegalArgumentException notOnCurve) {
            return Optional.empty();
        }
        BigInteger rInverse = r.modInverse(Secp256k1.N);
        BigInteger eNegated = e.negate().mod(Secp256k1.N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(
                bigR, s.multiply(rInverse).mod(Secp256k1.N),
                Secp256k1.PARAMS.getG(), eNegated.multiply(rInverse).mod(Secp256k1.N)).normalize();
        return q.isInfinity() ? Optional.empty() : Optional.of(q);
    }

    boolean verify(byte[] digest, PublicKey key) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(key.point(), Secp256k1.DOMAIN));
        return verifier.verifySignature(digest, r, s);
    }

    /** Verifies a hive-js {@code signBuffer} signature of a UTF-8 message against a key. */
    public boolean verify(String message, PublicKey key) {
        return key.verify(Hash.sha256(message.getBytes(StandardCharsets.UTF_8)), this);
    }

    /** Which of the four candidate keys recovery gives the signer's (0 to 3). */
    public int recoveryId() {
        return recoveryId;
    }

    /** The 65-byte compact form, as Hive transactions and hive-js carry it. */
    public byte[] toBytes() {
        byte[] out = new byte[65];
        out[0] = (byte) (COMPACT_COMPRESSED + recoveryId);
        System.arraycopy(Secp256k1.toBytes32(r), 0, out, 1, 32);
        System.arraycopy(Secp256k1.toBytes32(s), 0, out, 33, 32);
        return out;
    }

    /** 130 lowercase hex characters, as hive-js {@code toHex()}. */
    public String toHex() {
        return HexFormat.of().formatHex(toBytes());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Signature that && recoveryId == that.recoveryId && r.equals(that.r) && s.equals(that.s);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * recoveryId + r.hashCode()) + s.hashCode();
    }

    @Override
    public String toString() {
        return toHex();
    }
}
