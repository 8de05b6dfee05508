package dev.hiveauth.server;

import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.server.observe.RelayMetrics;
import dev.hiveauth.server.relay.AccountKeysBusyException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Account lookups on their way to the Hive nodes, shaped so that nothing a peer sends decides how often the relay
 * calls them: a relay that lets anyone hammer a public node gets its address banned, and then every user's
 * registration fails.
 * <ul>
 *   <li>One lookup per account at a time: whoever asks for an account already queued or being fetched shares it.</li>
 *   <li>Accounts wait in one queue and leave it in batches of up to {@link HiveLookupLimits#namesPerCall()}
 *       names per call, whoever asked for them: a thousand registrations of one account each cost a few calls.</li>
 *   <li>Calls start at least {@link HiveLookupLimits#callSpacing()} apart and at most
 *       {@link HiveLookupLimits#callsInFlight()} are out at once, so a node that never answers holds a few calls
 *       (and the threads behind them), not one per registration.</li>
 *   <li>The queue holds {@link HiveLookupLimits#queuedNames()} names; a lookup that does not fit, or that waited
 *       longer than {@link HiveLookupLimits#maxQueueWait()} for its call, fails with
 *       {@link AccountKeysBusyException}: the wallet is told to try again, nothing piles up.</li>
 * </ul>
 * Thread-safe; callbacks run outside the lock, on the thread that completed the call (or asked, or woke up).
 */
final class HiveLookups {
    /** Runs {@code task} once, {@code nanos} from now, on some other thread. */
    @FunctionalInterface
    interface Wakeup {
        void after(long nanos, Runnable task);
    }

    private final Function<List<String>, CompletableFuture<List<HiveAccount>>> fetch;
    private final HiveLookupLimits limits;
    private final LongSupplier nanoTime;
    private final Wakeup wakeup;
    private final RelayMetrics metrics;

    // guarded by this
    private final Map<String, Lookup> lookups = new HashMap<>();
    private final ArrayDeque<Lookup> queue = new ArrayDeque<>();
    private int callsInFlight;
    private long nextCallAt;
    private boolean wakeupSet;

    HiveLookups(Function<List<String>, CompletableFuture<List<HiveAccount>>> fetch, HiveLookupLimits limits,
                LongSupplier nanoTime, Wakeup wakeup, RelayMetrics metrics) {
        this.fetch = fetch;
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.wakeup = wakeup;
        this.metrics = metrics;
        this.nextCallAt = nanoTime.getAsLong();
        metrics.hiveLookupGauges(this::queued, this::callsInFlight);
    }

    /**
     * Starts looking {@code names} up, or joins lookups of them already under way. Each future completes with the
     * account, or null when it does not exist, or fails as the call failed.
     *
     * @throws AccountKeysBusyException when the names not already under way do not fit in the queue (none is queued)
     */
    Map<String, CompletableFuture<HiveAccount>> lookUp(Set<String> names) {
        Map<String, CompletableFuture<HiveAccount>> answers = new LinkedHashMap<>();
        synchronized (this) {
            long fresh = names.stream().filter(name -> !lookups.containsKey(name)).count();
            if (queue.size() + fresh > limits.queuedNames()) {
                metrics.hiveLookupRefused();
                throw new AccountKeysBusyException("the server is busy checking accounts on chain, "
                        + "try again later");
            }
            long now = nanoTime.getAsLong();
            for (String name : names) {
                Lookup lookup = lookups.computeIfAbsent(name, key -> {
                    Lookup queued = new Lookup(key, now);
                    queue.add(queued);
                    return queued;
                });
                answers.put(name, lookup.answer);
            }
        }
        dispatch();
        return answers;
    }

    /** Names waiting for a call. */
    synchronized int queued() {
        return queue.size();
    }

    /** Calls sent and not answered yet. */
    synchronized int callsInFlight() {
        return callsInFlight;
    }

    /** Starts the call the limits allow now, if any; drops what waited too long; sets a wakeup for the next call. */
    private void dispatch() {
        List<Lookup> overdue = new ArrayList<>();
        List<Lookup> batch = new ArrayList<>();
        synchronized (this) {
            long now = nanoTime.getAsLong();
            while (!queue.isEmpty() && now - queue.peek().queuedAt > limits.maxQueueWait().toNanos()) {
                Lookup late = queue.poll();
                lookups.remove(late.name);
                overdue.add(late);
            }
            if (!queue.isEmpty() && callsInFlight < limits.callsInFlight()) {
                if (now - nextCallAt < 0) {
                    wakeUpIn(nextCallAt - now);
                } else {
                    while (!queue.isEmpty() && batch.size() < limits.namesPerCall()) {
                        batch.add(queue.poll());
                    }
                    callsInFlight++;
                    nextCallAt = now + limits.callSpacing().toNanos();
                    if (!queue.isEmpty() && callsInFlight < limits.callsInFlight()) {
                        wakeUpIn(limits.callSpacing().toNanos());
                    }
                }
            }
        }
        if (!overdue.isEmpty()) {
            metrics.hiveLookupRefused();
            AccountKeysBusyException busy = new AccountKeysBusyException("the server is busy checking accounts on "
                    + "chain, try again later");
            overdue.forEach(late -> late.answer.completeExceptionally(busy));
        }
        if (!batch.isEmpty()) {
            call(batch);
        }
    }

    private void wakeUpIn(long nanos) {
        if (wakeupSet) {
            return;
        }
        wakeupSet = true;
        wakeup.after(nanos, () -> {
            synchronized (this) {
                wakeupSet = false;
            }
            dispatch();
        });
    }

    private void call(List<Lookup> batch) {
        List<String> names = batch.stream().map(Lookup::name).toList();
        CompletableFuture<List<HiveAccount>> call;
        try {
            call = fetch.apply(names);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((accounts, failure) -> {
            synchronized (this) {
                callsInFlight--;
                batch.forEach(done -> lookups.remove(done.name, done));
            }
            metrics.hiveCall(failure == null);
            if (failure != null) {
                batch.forEach(done -> done.answer.completeExceptionally(failure));
            } else {
                Map<String, HiveAccount> byName = new HashMap<>();
                accounts.forEach(account -> byName.put(account.name(), account));
                batch.forEach(done -> done.answer.complete(byName.get(done.name)));
            }
            dispatch();
        });
    }

    private record Lookup(String name, long queuedAt, CompletableFuture<HiveAccount> answer) {
        Lookup(String name, long queuedAt) {
            this(name, queuedAt, new CompletableFuture<>());
        }
    }
}
