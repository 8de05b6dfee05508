package dev.hiveauth.pksa;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The private keys of the accounts this wallet manages. */
public interface KeyStore {

    /** The accounts managed: the PKSA registers each of them with the HAS. */
    Set<String> accounts();

    /** The account's key of that type, if this wallet holds it. */
    Optional<PrivateKey> key(String account, KeyType type);

    /** A fixed table: account → key type → key. */
    static KeyStore of(Map<String, Map<KeyType, PrivateKey>> keys) {
        return new MapKeyStore(keys);
    }
}
