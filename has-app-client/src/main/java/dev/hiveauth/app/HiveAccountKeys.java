package dev.hiveauth.app;

import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@link AccountKeyLookup} over a {@link HiveClient}: the keys of the posting or active authority (weights
 * and account authorities are not considered: a challenge proves possession of one key), or the memo key.
 */
final class HiveAccountKeys implements AccountKeyLookup {
    private final HiveClient hive;

    HiveAccountKeys(HiveClient hive) {
        this.hive = Objects.requireNonNull(hive, "hive");
    }

    @Override
    public CompletableFuture<Set<PublicKey>> keys(String account, KeyType type) {
        return hive.getAccounts(List.of(account)).thenApply(accounts -> accounts.stream()
                .filter(found -> found.name().equals(account))
                .findFirst()
                .map(found -> keysOf(found, type))
                .orElse(Set.of()));
    }

    private static Set<PublicKey> keysOf(HiveAccount account, KeyType type) {
        switch (type) {
            case POSTING:
                return Set.copyOf(account.posting().keyAuths().keySet());
            case ACTIVE:
                return Set.copyOf(account.active().keyAuths().keySet());
            default:
                return Set.of(account.memoKey());
        }
    }
}
