package dev.hiveauth.protocol.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Ecdh} by Bitcoin Core's libsecp256k1, through ACINQ's JNI binding (secp256k1-kmp), whose jars carry the
 * library for Linux x86-64 and aarch64. The binding is an optional dependency: the relay ships it, a wallet or an
 * app may leave it out and get {@link BouncyCastleEcdh}.
 *
 * <p>The multiplication is {@code secp256k1_ec_pubkey_tweak_mul}, not {@code secp256k1_ecdh}: the binding's ECDH
 * returns libsecp256k1's default hash, SHA-256 of the compressed point, from which Hive's SHA-512 of the bare x
 * cannot be had. Like BouncyCastle's GLV multiply it is not constant-time in the scalar; libsecp256k1's
 * constant-time ECDH would need a custom hash function, which the binding does not take.
 */
final class Libsecp256k1Ecdh implements Ecdh {
    private static final Logger LOG = LoggerFactory.getLogger(Libsecp256k1Ecdh.class);

    private final Secp256k1 secp256k1;

    private Libsecp256k1Ecdh(Secp256k1 secp256k1) {
        this.secp256k1 = secp256k1;
    }

    /**
     * The native implementation if the binding is on the class path, its library loads here, and it agrees with
     * BouncyCastle on a known pair of keys (a library that loads but computes wrong would fail every proof).
     */
    static Optional<Ecdh> load() {
        if (!bindingOnClassPath()) {
            LOG.debug("libsecp256k1 binding not on the class path; memo key agreement uses BouncyCastle");
            return Optional.empty();
        }
        try {
            Libsecp256k1Ecdh ecdh = new Libsecp256k1Ecdh(Secp256k1.get());
            if (!ecdh.agreesWithBouncyCastle()) {
                LOG.error("libsecp256k1 loaded but disagrees with BouncyCastle on a known key pair; not using it");
                return Optional.empty();
            }
            LOG.info("memo key agreement uses libsecp256k1 (native)");
            return Optional.of(ecdh);
        } catch (LinkageError | RuntimeException e) {
            // no library for this OS or CPU, a temporary directory it cannot be unpacked to or run from, …
            LOG.warn("libsecp256k1 did not load ({}); memo key agreement uses BouncyCastle: a proof from a key "
                    + "the relay has not seen costs about two and a half times as much", rootCause(e));
            return Optional.empty();
        }
    }

    private boolean agreesWithBouncyCastle() {
        PrivateKey mine = PrivateKey.fromSeed("hiveauth libsecp256k1 self-check, mine");
        PublicKey other = PrivateKey.fromSeed("hiveauth libsecp256k1 self-check, other").publicKey();
        return Arrays.equals(sharedX(mine, other), new BouncyCastleEcdh().sharedX(mine, other));
    }

    // the binding fails in its static initialiser: the reason is at the bottom of the chain
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    private static boolean bindingOnClassPath() {
        try {
            Class.forName("fr.acinq.secp256k1.Secp256k1", false, Libsecp256k1Ecdh.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public byte[] sharedX(PrivateKey mine, PublicKey other) {
        // uncompressed, so libsecp256k1 need not take the square root BouncyCastle took when the key was parsed
        byte[] product = secp256k1.pubKeyTweakMul(other.uncompressed(), mine.toBytes());
        return Arrays.copyOfRange(product, 1, 33); // 0x04 ‖ x ‖ y
    }

    @Override
    public String toString() {
        return "libsecp256k1";
    }
}
