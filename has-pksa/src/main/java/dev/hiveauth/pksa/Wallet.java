package dev.hiveauth.pksa;

import dev.hiveauth.protocol.chain.ChainId;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.Request;
import dev.hiveauth.protocol.transport.SerialExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the request handlers share: the keys, the stored authentications, the rules and policy, the chain,
 * and the single thread every decision runs on (so that a nonce is checked and recorded in one step).
 *
 * @param chain the Hive API client ({@link #hive()}), replaceable while the wallet runs; holds null when the wallet
 *     cannot sign transactions
 * @param serviceSecret the service-mode secret that opens an {@code auth_req}'s {@code auth_key}, or null
 * @param authDuration how long a new authentication lasts
 * @param rejectUnapproved the request families answered with a nack instead of silence when not approved
 * @param transactionExpiration how long after the head block a signed transaction stays valid
 * @param thread the wallet's one thread of decisions (a {@link SerialExecutor})
 * @param ignored says once why a request is left unanswered
 */
record Wallet(KeyStore keys, AuthStore auths, ApprovalPolicy policy, SigningRules rules, Clock clock,
              AtomicReference<HiveClient> chain, ChainId chainId, String serviceSecret, Duration authDuration, Set<Family> rejectUnapproved,
              Duration transactionExpiration, Executor thread, IgnoredRequests ignored) {

    /** The Hive API client in use now, or null. */
    HiveClient hive() {
        return chain.get();
    }

    boolean manages(String account) {
        return keys.accounts().contains(account);
    }

    long now() {
        return clock.millis();
    }

    /** Logs once why {@code request} gets no answer from this wallet. */
    void ignore(Request request, String why) {
        ignored.report(request, why, now());
    }
}
