package dev.hiveauth.protocol.crypto;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The memo shared secrets of one private key with the public keys it meets most. A server verifies proof after
 * proof from the same account keys, and the scalar multiplication is most of a verification's cost; the secret is
 * a pure function of the two keys, so keeping it changes nothing but speed. Direct-mapped and lock-free: a key
 * that lands on an occupied slot evicts the previous one, so memory stays bounded whatever keys peers use.
 * The secrets never leave this package, and nothing here is logged.
 */
final class SharedSecretCache {
    private record Entry(PublicKey key, byte[] secret) {
    }

    private final PrivateKey owner;
    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    /** {@code capacity} is rounded up to a power of two; 0 turns caching off. */
    SharedSecretCache(PrivateKey owner, int capacity) {
        if (capacity > 1 << 20) {
            throw new IllegalArgumentException("shared secret cache capacity must be at most 2^20");
        }
        this.owner = owner;
        int size = capacity <= 0 ? 0 : 1;
        while (size < capacity) {
            size <<= 1;
        }
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** sha512(x(owner·other)); the caller must not modify the array. */
    byte[] secretWith(PublicKey other) {
        if (slots.length() == 0) {
            return owner.computeSharedSecret(other);
        }
        int hash = other.hashCode();
        int slot = (hash ^ (hash >>> 16)) & mask;
        Entry entry = slots.get(slot);
        if (entry != null && entry.key().equals(other)) {
            return entry.secret();
        }
        byte[] secret = owner.computeSharedSecret(other);
        slots.set(slot, new Entry(other, secret));
        return secret;
    }
}
