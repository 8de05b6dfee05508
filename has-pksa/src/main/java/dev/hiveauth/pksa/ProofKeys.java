package dev.hiveauth.pksa;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.List;
import java.util.Optional;

/**
 * Which key proves possession of an account to the relay: the one with the least authority the wallet holds,
 * memo → posting → active (as every deployed PKSA does, and as the protocol recommends), so that a leaked
 * proof never says more than needed.
 */
final class ProofKeys {
    private static final List<KeyType> LEAST_POWERFUL_FIRST = List.of(KeyType.MEMO, KeyType.POSTING, KeyType.ACTIVE);

    private ProofKeys() {
    }

    static Optional<PrivateKey> lowest(KeyStore keys, String account) {
        for (KeyType type : LEAST_POWERFUL_FIRST) {
            Optional<PrivateKey> key = keys.key(account, type);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }
}
