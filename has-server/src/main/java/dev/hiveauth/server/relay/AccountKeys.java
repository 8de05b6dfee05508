package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.crypto.PublicKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where the relay learns which public keys belong to an account, to check proofs of key (SPEC §4): the memo
 * key and every key of the posting, active and owner authorities. By default the server looks them up on its Hive
 * nodes ({@code ChainAccountKeys}, not public); tests and embedders can pass their own.
 */
@FunctionalInterface
public interface AccountKeys {
    /**
     * Looks up several accounts at once. The map holds an entry for each account that exists; an account
     * missing from it does not exist. Fails when the keys cannot be known (every Hive node down, …).
     */
    CompletableFuture<Map<String, Set<PublicKey>>> lookup(Set<String> accounts);

    /** A fixed table, for tests and for embedders that know their accounts. */
    static AccountKeys of(Map<String, Set<PublicKey>> table) {
        Map<String, Set<PublicKey>> copy = Map.copyOf(table);
        return accounts -> {
            Map<String, Set<PublicKey>> found = new java.util.HashMap<>();
            for (String account : accounts) {
                Set<PublicKey> keys = copy.get(account);
                if (keys != null) {
                    found.put(account, keys);
                }
            }
            return CompletableFuture.completedFuture(found);
        };
    }
}
