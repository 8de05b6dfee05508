package dev.hiveauth.server.cluster;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows of requests, by uuid, until they expire: the requests it offered its wallets (so a request that
 * comes twice, or again after a gap, is offered once, and a reply is checked without asking Redis), or the account of
 * the requests its APP connections wait for (so that after a gap it can look for replies it missed).
 */
final class KnownRequests<T> {
    private final Map<String, Entry<T>> byUuid = new ConcurrentHashMap<>();

    /** Remembers the value until {@code until}; false if the uuid was known already. */
    boolean add(String uuid, T value, long until) {
        return byUuid.putIfAbsent(uuid, new Entry<>(value, until)) == null;
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

    /** Forgets what is past its time. */
    void sweep(long now) {
        for (Iterator<Entry<T>> entries = byUuid.values().iterator(); entries.hasNext(); ) {
            if (entries.next().until <= now) {
                entries.remove();
            }
        }
    }

    private record Entry<T>(T value, long until) {
    }
}
