package dev.hiveauth.pksa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AuthStore#inMemory()}. */
final class InMemoryAuthStore implements AuthStore {
    private final Map<String, List<Auth>> byAccount = new ConcurrentHashMap<>();

    @Override
    public synchronized List<Auth> auths(String account) {
        return List.copyOf(byAccount.getOrDefault(account, List.of()));
    }

    @Override
    public synchronized void add(Auth auth) {
        byAccount.computeIfAbsent(auth.account(), name -> new ArrayList<>()).add(auth);
    }

    @Override
    public synchronized void recordNonce(String account, String key, long nonce) {
        List<Auth> auths = byAccount.getOrDefault(account, List.of());
        for (int i = 0; i < auths.size(); i++) {
            if (auths.get(i).key().equals(key)) {
                auths.set(i, auths.get(i).withNonce(nonce));
            }
        }
    }

    @Override
    public synchronized void removeExpired(long nowMillis) {
        byAccount.values().forEach(auths -> auths.removeIf(auth -> !auth.isValidAt(nowMillis)));
    }
}
