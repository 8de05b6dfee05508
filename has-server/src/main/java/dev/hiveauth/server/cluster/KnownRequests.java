package dev.hiveauth.server.cluster;

import dev.hiveauth.server.relay.ExpiryBuckets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows of requests, by uuid, until they expire: the requests it offered its wallets (so a request that
 * comes twice, or again after a gap, is offered once, and a reply is checked without asking Redis), or the account of
 * the requests its APP connections wait for (so that after a gap it can look for replies it missed).
 */
final class KnownRequests<T> {
    private static final long SECOND = 1000;

    private final Map<String, Entry<T>> byUuid = new ConcurrentHashMap<>();
    /** The uuids by the second they expire, so a sweep walks what is due, not every request of the last minute. */
    private final ExpiryBuckets<String> expiring = new ExpiryBuckets<>(this::until);
    /** Where the running or last sweep stands: an uuid is never put into a second it may be taking out. */
    private volatile long sweepingAt = Long.MIN_VALUE / 2;

    /** Remembers the value until {@code until}; false if the uuid was known already. */
    boolean add(String uuid, T value, long until) {
        if (byUuid.putIfAbsent(uuid, new Entry<>(value, until)) != null) {
            return false;
        }
        track(uuid, until);
        return true;
    }

    /**
     * Remembers the value until {@code until} unless a value at least as {@code newer} is known already; true when it was
     * remembered.
     */
    boolean addIfNewer(String uuid, T value, long until, java.util.function.BiPredicate<T, T> newer) {
        boolean[] added = {false};
        byUuid.compute(uuid, (id, known) -> {
            if (known == null || newer.test(value, known.value)) {
                added[0] = true;
                return new Entry<>(value, until);
            }
            return known;
        });
        if (added[0]) {
            track(uuid, until); // its earlier second, if it had one, finds the later time and moves it
        }
        return added[0];
    }

    /** The value, or null. */
    T get(String uuid) {
        Entry<T> entry = byUuid.get(uuid);
        return entry == null ? null : entry.value;
    }

    void remove(String uuid) {
        byUuid.remove(uuid);
    }

    Map<String, T> snapshot() {
        Map<String, T> copy = new java.util.HashMap<>();
        byUuid.forEach((uuid, entry) -> copy.put(uuid, entry.value));
        return copy;
    }

    int size() {
        return byUuid.size();
    }

    /** Forgets what is past its time. One caller at a time. */
    void sweep(long now) {
        sweepingAt = now;
        for (String uuid : expiring.sweep(now)) {
            byUuid.computeIfPresent(uuid, (id, entry) -> entry.until <= now ? null : entry);
        }
    }

    private void track(String uuid, long until) {
        // An uuid already due (a catch-up may bring a request at its last moment) goes a second past the sweep's now,
        // never into a second the sweep is emptying.
        expiring.add(Math.max(until, sweepingAt + SECOND), uuid);
    }

    /** When the uuid's entry stops being kept; long past (so it is let go) once it is gone. */
    private long until(String uuid) {
        Entry<T> entry = byUuid.get(uuid);
        return entry == null ? Long.MIN_VALUE : entry.until;
    }

    private record Entry<T>(T value, long until) {
    }
}
