package dev.hiveauth.protocol.crypto;

/**
 * Elliptic-curve Diffie–Hellman as Hive memos use it: the bare 32-byte x coordinate of d·P, which
 * {@link PrivateKey#sharedSecret} then hashes with SHA-512. Two implementations give the same bytes:
 * {@link Libsecp256k1Ecdh} (native, its multiplication three to four times as fast) wherever its library loads, and
 * {@link BouncyCastleEcdh} everywhere else.
 */
interface Ecdh {
    /** Set to {@code false} to keep to BouncyCastle even where libsecp256k1 would load. */
    String NATIVE_PROPERTY = "hiveauth.crypto.native";

    /** x(mine·other), 32 bytes big-endian; other must not be the null key. */
    byte[] sharedX(PrivateKey mine, PublicKey other);

    /** The implementation this JVM uses, chosen on first use. */
    static Ecdh inUse() {
        return Chosen.ECDH;
    }

    /** libsecp256k1 unless the property says no or it does not load (then BouncyCastle). */
    static Ecdh choose(boolean nativeAllowed) {
        if (!nativeAllowed) {
            return new BouncyCastleEcdh();
        }
        return Libsecp256k1Ecdh.load().orElseGet(BouncyCastleEcdh::new);
    }

    /** Holds the choice, so the native library is looked for when a key agreement first runs, not before. */
    final class Chosen {
        static final Ecdh ECDH = choose(!"false".equalsIgnoreCase(System.getProperty(NATIVE_PROPERTY)));

        private Chosen() {
        }
    }
}
