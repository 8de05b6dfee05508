package dev.hiveauth.protocol.crypto;

import java.util.Arrays;

/**
 * A Hive encrypted memo as it travels: {@code "#" + Base58(from ‖ to ‖ nonce ‖ check ‖ varint(len) ‖ ciphertext)}
 * (keys 33 bytes compressed, nonce uint64 LE, check uint32 LE). Parsing does no curve arithmetic, so a server can
 * see who wrote to whom ({@link #isFrom}, {@link #isTo}) before it pays for the key agreement.
 */
public final class EncryptedMemo {
    private static final int KEY_BYTES = 33;
    private static final int HEADER_BYTES = 2 * KEY_BYTES + 8 + 4;

    private final byte[] from;
    private final byte[] to;
    private final long nonce;
    private final int check;
    private final byte[] ciphertext;

    private EncryptedMemo(byte[] from, byte[] to, long nonce, int check, byte[] ciphertext) {
        this.from = from;
        this.to = to;
        this.nonce = nonce;
        this.check = check;
        this.ciphertext = ciphertext;
    }

    /** Parses {@code "#…"}; a {@link MemoException} says what is wrong. No key is decoded yet. */
    public static EncryptedMemo parse(String memo) {
        if (memo == null || memo.isEmpty()) {
            throw MemoException.malformed("memo is missing");
        }
        if (memo.charAt(0) != '#') {
            throw MemoException.malformed("memo does not start with '#'");
        }
        byte[] serialized;
        try {
            serialized = Base58.decode(memo.substring(1));
        } catch (IllegalArgumentException e) {
            throw MemoException.malformed("memo is not Base58: " + e.getMessage());
        }
        return fromBytes(serialized);
    }

    /** Reads the serialized form (what Base58 carries). */
    public static EncryptedMemo fromBytes(byte[] serialized) {
        if (serialized.length < HEADER_BYTES + 1) {
            throw MemoException.malformed("memo is truncated: " + serialized.length + " bytes, a memo has at least "
                    + (HEADER_BYTES + 1 + MemoCipher.BLOCK));
        }
        Varint length = Varint.read(serialized, HEADER_BYTES);
        if (length == null) {
            throw MemoException.malformed("memo is truncated: its ciphertext length is cut or not a varint32");
        }
        long available = serialized.length - length.end();
        if (length.value() > available) {
            throw MemoException.malformed("memo is truncated: the ciphertext should be " + length.value()
                    + " bytes but only " + available + " follow");
        }
        if (length.value() < available) {
            throw MemoException.malformed("memo has " + (available - length.value()) + " bytes after the ciphertext");
        }
        if (length.value() == 0 || length.value() % MemoCipher.BLOCK != 0) {
            throw MemoException.malformed("memo ciphertext must be a positive multiple of 16 bytes, got "
                    + length.value());
        }
        return new EncryptedMemo(
                Arrays.copyOfRange(serialized, 0, KEY_BYTES),
                Arrays.copyOfRange(serialized, KEY_BYTES, 2 * KEY_BYTES),
                littleEndian(serialized, 2 * KEY_BYTES, 8),
                (int) littleEndian(serialized, 2 * KEY_BYTES + 8, 4),
                Arrays.copyOfRange(serialized, length.end(), serialized.length));
    }

    /** Encrypts {@code text} (without hive-js's leading '#') from {@code from} to {@code to}. */
    static EncryptedMemo encrypt(PrivateKey from, PublicKey to, String text, long nonce) {
        if (to.isNull()) {
            throw MemoException.malformed("memo cannot be encrypted to the null key");
        }
        byte[] plaintext = MemoPlaintext.frame(text);
        byte[] encryptionKey = MemoCipher.encryptionKey(nonce, from.sharedSecret(to));
        return new EncryptedMemo(from.publicKey().toBytes(), to.toBytes(), nonce,
                MemoCipher.check(encryptionKey), MemoCipher.encrypt(encryptionKey, plaintext));
    }

    /**
     * Decrypts with either party's key, as hive-js {@code memo.decode}: the other party is {@code to} if
     * {@code mine} is {@code from}, else {@code from}. Returns the text without hive-js's leading '#'.
     */
    public String decrypt(PrivateKey mine) {
        PublicKey other = isFrom(mine.publicKey()) ? key(to, "to") : key(from, "from");
        return decrypt(mine.sharedSecret(other));
    }

    /** Decrypts with the ECDH secret of the two parties already computed (a server caches it per account key). */
    String decrypt(byte[] sharedSecret) {
        byte[] encryptionKey = MemoCipher.encryptionKey(nonce, sharedSecret);
        // hive-js branches on "if (check)", so a stored check of 0 would skip it; we always compare.
        if (MemoCipher.check(encryptionKey) != check) {
            throw new MemoException(MemoException.Reason.WRONG_KEY, "memo check mismatch: wrong key");
        }
        return MemoPlaintext.unframe(MemoCipher.decrypt(encryptionKey, ciphertext));
    }

    /** The sender's key, decoded now; a {@link MemoException} if the 33 bytes are not a public key. */
    public PublicKey from() {
        return key(from, "from");
    }

    /** The recipient's key, decoded now; a {@link MemoException} if the 33 bytes are not a public key. */
    public PublicKey to() {
        return key(to, "to");
    }

    /** True if {@code key} wrote this memo; compares bytes, no curve arithmetic. */
    public boolean isFrom(PublicKey key) {
        return Arrays.equals(from, key.toBytes());
    }

    /** True if this memo was written to {@code key}; compares bytes, no curve arithmetic. */
    public boolean isTo(PublicKey key) {
        return Arrays.equals(to, key.toBytes());
    }

    /** The nonce, an unsigned 64-bit number: print it with {@link Long#toUnsignedString(long)}. */
    public long nonce() {
        return nonce;
    }

    /** The check as the little-endian uint32 hive-js shows (read it with {@link Integer#toUnsignedLong(int)}). */
    public int check() {
        return check;
    }

    /** The encrypted bytes (a copy). */
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The serialized form: from ‖ to ‖ nonce ‖ check ‖ varint(len) ‖ ciphertext. */
    public byte[] toBytes() {
        byte[] out = new byte[HEADER_BYTES + Varint.size(ciphertext.length) + ciphertext.length];
        System.arraycopy(from, 0, out, 0, KEY_BYTES);
        System.arraycopy(to, 0, out, KEY_BYTES, KEY_BYTES);
        for (int i = 0; i < 8; i++) {
            out[2 * KEY_BYTES + i] = (byte) (nonce >>> (8 * i));
        }
        for (int i = 0; i < 4; i++) {
            out[2 * KEY_BYTES + 8 + i] = (byte) (check >>> (8 * i));
        }
        int offset = Varint.write(ciphertext.length, out, HEADER_BYTES);
        System.arraycopy(ciphertext, 0, out, offset, ciphertext.length);
        return out;
    }

    /** The wire form, {@code "#" + Base58(toBytes())}. */
    @Override
    public String toString() {
        return "#" + Base58.encode(toBytes());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedMemo that && nonce == that.nonce && check == that.check
                && Arrays.equals(from, that.from) && Arrays.equals(to, that.to)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(nonce) + Arrays.hashCode(ciphertext);
    }

    private static PublicKey key(byte[] compressed, String role) {
        PublicKey key;
        try {
            key = PublicKey.fromBytes(compressed);
        } catch (IllegalArgumentException e) {
            throw MemoException.malformed("memo " + role + " key is not a valid public key");
        }
        if (key.isNull()) {
            throw MemoException.malformed("memo " + role + " key is the null key");
        }
        return key;
    }

    private static long littleEndian(byte[] bytes, int offset, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
