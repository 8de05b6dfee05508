package dev.hiveauth.pksa;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link KeyStore#of}: an immutable copy of the table, accounts in the order given. */
final class MapKeyStore implements KeyStore {
    private final Map<String, Map<KeyType, PrivateKey>> keys;

    MapKeyStore(Map<String, Map<KeyType, PrivateKey>> keys) {
        Map<String, Map<KeyType, PrivateKey>> copy = new LinkedHashMap<>();
        keys.forEach((account, byType) -> {
            if (!byType.isEmpty()) {
                copy.put(account, Map.copyOf(byType));
            }
        });
        this.keys = Collections.unmodifiableMap(copy);
    }

    @Override
    public Set<String> accounts() {
        return keys.keySet();
    }

    @Override
    public Optional<PrivateKey> key(String account, KeyType type) {
        return Optional.ofNullable(keys.getOrDefault(account, Map.of()).get(type));
    }

    @Override
    public String toString() {
        return "KeyStore" + keys.keySet();
    }
}
