package dev.hiveauth.protocol.crypto;

/**
 * {@link Ecdh} in pure Java: BouncyCastle's secp256k1 point multiplication (GLV endomorphism with wNAF, its
 * default multiplier for this curve). The reference for {@link Libsecp256k1Ecdh} and the fallback where that
 * cannot load.
 */
final class BouncyCastleEcdh implements Ecdh {
    @Override
    public byte[] sharedX(PrivateKey mine, PublicKey other) {
        return other.point().multiply(mine.scalar()).normalize().getAffineXCoord().getEncoded();
    }

    @Override
    public String toString() {
        return "BouncyCastle";
    }
}
