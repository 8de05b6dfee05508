package dev.hiveauth.server;

import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.server.observe.LogBudget;
import dev.hiveauth.server.observe.RelayMetrics;
import dev.hiveauth.server.relay.AccountKeys;
import dev.hiveauth.server.relay.AccountKeysBusyException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account keys from the chain ({@code condenser_api.get_accounts}), cached: an existing account for 60 s, a
 * missing one for 10 s (SPEC §4). The keys of an account are its memo key and every key of its posting,
 * active and owner authorities; weights do not matter for a proof of possession. When every Hive node is
 * down, keys fetched within the last hour are used rather than refusing every proven reply (while replies
 * without proof would still pass in compat mode); a key rotated during the outage is the accepted risk. The same holds
 * when the relay is too busy to ask ({@link HiveLookups} decides how often the nodes are called, not the peers).
 */
final class ChainAccountKeys implements AccountKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ChainAccountKeys.class);
    /** Public Hive API nodes used when none are configured. */
    static final List<URI> DEFAULT_NODES = List.of(
            URI.create("https://api.hive.blog"),
            URI.create("https://api.openhive.network"),
            URI.create("https://anyx.io"));
    static final Duration FOUND_TTL = Duration.ofSeconds(60);
    static final Duration MISSING_TTL = Duration.ofSeconds(10);
    static final Duration STALE_LIMIT = Duration.ofHours(1);
    private static final int MAX_CACHED = 100_000;

    private final HiveLookups lookups;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final LogBudget outageLog = new LogBudget(5, Duration.ofSeconds(10), System::nanoTime, () -> { });

    ChainAccountKeys(HiveLookups lookups, Clock clock) {
        this.lookups = lookups;
        this.clock = clock;
    }

    /**
     * Keys looked up with {@code condenser_api.get_accounts} through {@code hive} (its nodes, with failover between
     * them), within {@code limits}.
     */
    static ChainAccountKeys over(HiveClient hive, HiveLookupLimits limits, Clock clock, RelayMetrics metrics) {
        HiveLookups lookups = new HiveLookups(hive::getAccounts, limits, System::nanoTime,
                (nanos, task) -> CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS).execute(task), metrics);
        return new ChainAccountKeys(lookups, clock);
    }

    @Override
    public CompletableFuture<Map<String, Set<PublicKey>>> lookup(Set<String> accounts) {
        long now = clock.millis();
        Map<String, Set<PublicKey>> found = new HashMap<>();
        Set<String> toFetch = new LinkedHashSet<>();
        for (String account : accounts) {
            Cached cached = cache.get(account);
            if (cached != null && cached.validUntil > now) {
                if (cached.keys != null) {
                    found.put(account, cached.keys);
                }
            } else {
                toFetch.add(account);
            }
        }
        if (toFetch.isEmpty()) {
            return CompletableFuture.completedFuture(found);
        }
        Map<String, CompletableFuture<HiveAccount>> fetching;
        CompletableFuture<Void> fetched;
        try {
            fetching = lookups.lookUp(toFetch);
            fetched = CompletableFuture.allOf(fetching.values().toArray(CompletableFuture[]::new));
        } catch (AccountKeysBusyException busy) {
            fetching = Map.of();
            fetched = CompletableFuture.failedFuture(busy); // too busy to ask is handled as a failed call
        }
        Map<String, CompletableFuture<HiveAccount>> answers = fetching;
        return fetched.handle((all, failure) -> failure != null ? staleOrFail(toFetch, found, failure)
                : cached(answers, found));
    }

    /** Caches each answer (an account's keys, or its absence) and adds the keys found to {@code found}. */
    private Map<String, Set<PublicKey>> cached(Map<String, CompletableFuture<HiveAccount>> answers,
                                               Map<String, Set<PublicKey>> found) {
        long fetchedAt = clock.millis();
        if (cache.size() > MAX_CACHED) {
            cache.clear(); // crude but bounded: keys are cheap to fetch again
        }
        answers.forEach((name, answer) -> {
            HiveAccount account = answer.join();
            if (account == null) {
                cache.put(name, new Cached(null, fetchedAt + MISSING_TTL.toMillis(), fetchedAt));
            } else {
                Set<PublicKey> keys = keysOf(account);
                cache.put(name, new Cached(keys, fetchedAt + FOUND_TTL.toMillis(), fetchedAt));
                found.put(name, keys);
            }
        });
        return found;
    }

    /** The nodes failed: keys fetched within {@link #STALE_LIMIT} for every account asked, or the failure. */
    private Map<String, Set<PublicKey>> staleOrFail(Set<String> toFetch, Map<String, Set<PublicKey>> found,
                                                    Throwable failure) {
        long now = clock.millis();
        for (String account : toFetch) {
            Cached stale = cache.get(account);
            if (stale == null || stale.keys() == null || now - stale.fetchedAt() > STALE_LIMIT.toMillis()) {
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            found.put(account, stale.keys());
        }
        if (outageLog.allow()) {
            // every registration and proven reply may come here during an outage: a few lines, not one each
            long left = outageLog.takeSuppressed();
            LOG.warn("cannot look accounts up on the Hive nodes now ({}): using keys cached earlier for {}{}", failure.toString(),
                    toFetch.size() <= 3 ? toFetch : toFetch.stream().limit(3).toList() + " and " + (toFetch.size() - 3)
                            + " more", left == 0 ? "" : " (" + left + " similar line(s) suppressed)");
        }
        return found;
    }

    static Set<PublicKey> keysOf(HiveAccount account) {
        Set<PublicKey> keys = new HashSet<>();
        keys.add(account.memoKey());
        keys.addAll(account.posting().keyAuths().keySet());
        keys.addAll(account.active().keyAuths().keySet());
        keys.addAll(account.owner().keyAuths().keySet());
        keys.remove(PublicKey.NULL);
        return Set.copyOf(keys);
    }

    private record Cached(Set<PublicKey> keys, long validUntil, long fetchedAt) {
    }
}
