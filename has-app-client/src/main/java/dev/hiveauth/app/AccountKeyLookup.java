package dev.hiveauth.app;

import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where {@link ChallengeVerifier} learns an account's current keys of one role (posting, active or memo), to
 * check that a challenge was signed by the account and not just by some key.
 */
@FunctionalInterface
public interface AccountKeyLookup {
    /**
     * The account's keys of {@code type}: the posting or active authority's keys, or the memo key. Empty when
     * the account does not exist; fails when the keys cannot be known (every node down, …).
     */
    CompletableFuture<Set<PublicKey>> keys(String account, KeyType type);

    /** The keys as Hive nodes report them ({@code condenser_api.get_accounts}). */
    static AccountKeyLookup onChain(HiveClient hive) {
        return new HiveAccountKeys(hive);
    }
}
