package dev.hiveauth.protocol.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A Hive private key (secp256k1 scalar), read and written as WIF: {@code Base58(0x80 ‖ d ‖ checksum)}
 * where checksum = first 4 bytes of sha256(sha256(0x80 ‖ d)). {@link #toString()} never shows the key.
 */
public final class PrivateKey {
    private static final byte WIF_VERSION = (byte) 0x80;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BigInteger d;
    private volatile PublicKey publicKey;
    private volatile SharedWith lastShared;

    private PrivateKey(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalArgumentException("private key is out of range for secp256k1");
        }
        this.d = d;
    }

    /** Parses a WIF ({@code 5H…}, {@code 5J…}, {@code 5K…}); the message says what is wrong, never the key. */
    public static PrivateKey fromWif(String wif) {
        String text = wif == null ? "" : wif.trim();
        if (text.startsWith(PublicKey.PREFIX)) {
            // The commonest mix-up in a keys file: the public key copied from a block explorer.
            throw new IllegalArgumentException("this is a public key (" + PublicKey.PREFIX + "…), not a private key: "
                    + "a private key (WIF) starts with 5 and is 51 characters long");
        }
        byte[] raw;
        try {
            raw = Base58.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a private key (WIF): it has characters a WIF never has "
                    + "(0, O, I, l or anything but letters and digits)");
        }
        if (raw.length != 37 || raw[0] != WIF_VERSION) {
            throw new IllegalArgumentException("not a private key (WIF): a WIF starts with 5 and is 51 characters long, "
                    + "this is " + text.length() + " characters" + (text.startsWith("5") ? "" : " starting with another one"));
        }
        byte[] payload = Arrays.copyOf(raw, 33);
        byte[] checksum = Arrays.copyOf(Hash.sha256(Hash.sha256(payload)), 4);
        if (!Arrays.equals(checksum, Arrays.copyOfRange(raw, 33, 37))) {
            throw new IllegalArgumentException("the private key (WIF) is mistyped: its checksum does not match");
        }
        return new PrivateKey(new BigInteger(1, Arrays.copyOfRange(payload, 1, 33)));
    }

    /** From the raw 32-byte big-endian scalar. */
    public static PrivateKey fromBytes(byte[] d) {
        if (d.length != 32) {
            throw new IllegalArgumentException("private key must be 32 bytes, got " + d.length);
        }
        return new PrivateKey(new BigInteger(1, d));
    }

    /** hive-js / dhive {@code PrivateKey.fromSeed}: d = sha256(UTF-8(seed)). */
    public static PrivateKey fromSeed(String seed) {
        return fromBytes(Hash.sha256(seed.getBytes(StandardCharsets.UTF_8)));
    }

    /** dhive {@code PrivateKey.fromLogin}: the key of a role (owner, active, posting, memo) from a master password. */
    public static PrivateKey fromLogin(String account, String password, String role) {
        return fromSeed(account + role + password);
    }

    /** A fresh random key from a {@link SecureRandom}. */
    public static PrivateKey generate() {
        return generate(RANDOM);
    }

    /** A new random key drawn from {@code random}. */
    public static PrivateKey generate(SecureRandom random) {
        while (true) {
            byte[] candidate = new byte[32];
            random.nextBytes(candidate);
            BigInteger d = new BigInteger(1, candidate);
            if (d.signum() > 0 && d.compareTo(Secp256k1.N) < 0) {
                return new PrivateKey(d);
            }
        }
    }

    /** The key in Wallet Import Format, as Hive wallets show and take it. */
    public String toWif() {
        byte[] payload = new byte[33];
        payload[0] = WIF_VERSION;
        System.arraycopy(toBytes(), 0, payload, 1, 32);
        byte[] checksum = Hash.sha256(Hash.sha256(payload));
        byte[] raw = Arrays.copyOf(payload, 37);
        System.arraycopy(checksum, 0, raw, 33, 4);
        return Base58.encode(raw);
    }

    /** The raw 32-byte big-endian scalar. */
    public byte[] toBytes() {
        return Secp256k1.toBytes32(d);
    }

    /** The public key of this key (computed once). */
    public PublicKey publicKey() {
        PublicKey key = publicKey;
        if (key == null) {
            key = PublicKey.of(Secp256k1.multiplyBase(d));
            publicKey = key;
        }
        return key;
    }

    /** hive-js {@code Signature.signBuffer(message, wif)}: signs sha256 of the UTF-8 string. */
    public Signature sign(String message) {
        return signDigest(Hash.sha256(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** hive-js {@code Signature.signBufferSha256}: deterministic, canonical, byte-identical to hive-js. */
    public Signature signDigest(byte[] digest) {
        return Signature.sign(digest, d);
    }

    /**
     * The memo shared secret: SHA-512 of the 32-byte x coordinate of d·other (64 raw bytes).
     * Symmetric: {@code a.sharedSecret(B) == b.sharedSecret(A)}. The last result is remembered: a wallet's key
     * makes a proof of key for the same server key on every reply, and the point multiplication is most of
     * a memo's cost.
     */
    public byte[] sharedSecret(PublicKey other) {
        SharedWith last = lastShared;
        if (last != null && last.peer().equals(other)) {
            return last.secret().clone();
        }
        byte[] secret = computeSharedSecret(other);
        lastShared = new SharedWith(other, secret.clone());
        return secret;
    }

    /** {@link #sharedSecret} without the remembered result. */
    byte[] computeSharedSecret(PublicKey other) {
        return Hash.sha512(Ecdh.inUse().sharedX(this, other));
    }

    private record SharedWith(PublicKey peer, byte[] secret) {
    }

    BigInteger scalar() {
        return d;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrivateKey that && d.equals(that.d);
    }

    @Override
    public int hashCode() {
        return d.hashCode();
    }

    /** Shows the public key only: a private key must never reach a log. */
    @Override
    public String toString() {
        return "PrivateKey[public=" + publicKey() + "]";
    }
}
