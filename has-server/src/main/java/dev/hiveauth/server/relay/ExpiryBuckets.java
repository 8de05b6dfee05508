package dev.hiveauth.server.relay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.ToLongFunction;

/**
 * Entries (requests) by the second they may stop being live, so a sweep touches only what is due. One bucket per second: adding
 * is an append to the bucket of its second (a few dozen seconds are live at once), where a priority queue of every
 * request waiting or kept for attach — hundreds of thousands on a busy relay — cost a lock and a sift each time.
 * Adds never land in a second the sweep has passed: a request's deadline is at least a second ahead of its arrival.
 *
 * @param <T> what is tracked: a request, or its uuid
 */
public final class ExpiryBuckets<T> {
    private static final long SECOND = 1000;

    private final ConcurrentSkipListMap<Long, Queue<T>> bySecond = new ConcurrentSkipListMap<>();
    private final ToLongFunction<T> liveUntil;

    /** {@code liveUntil} tells when an entry stops being live now; it may move later (a request answered). */
    public ExpiryBuckets(ToLongFunction<T> liveUntil) {
        this.liveUntil = liveUntil;
    }

    /** Tracks {@code request} until {@code at} (epoch millis), when a sweep looks at it again. */
    public void add(long at, T request) {
        bySecond.computeIfAbsent(Math.floorDiv(at, SECOND), second -> new ConcurrentLinkedQueue<>()).add(request);
    }

    /**
     * Takes out and returns every request no longer live at {@code now}; one answered meanwhile moves to the second
     * its reply stops being kept. One caller at a time.
     */
    public List<T> sweep(long now) {
        List<T> due = new ArrayList<>();
        long currentSecond = Math.floorDiv(now, SECOND);
        Iterator<Map.Entry<Long, Queue<T>>> buckets =
                bySecond.headMap(currentSecond, true).entrySet().iterator();
        while (buckets.hasNext()) {
            Map.Entry<Long, Queue<T>> bucket = buckets.next();
            long second = bucket.getKey();
            for (Iterator<T> requests = bucket.getValue().iterator(); requests.hasNext(); ) {
                T request = requests.next();
                long until = liveUntil.applyAsLong(request);
                if (until <= now) {
                    requests.remove();
                    due.add(request);
                } else if (Math.floorDiv(until, SECOND) != second) {
                    requests.remove();
                    add(until, request);
                }
            }
            if (second < currentSecond) {
                buckets.remove(); // every deadline in it has passed: it is empty, and nothing is added to it any more
            }
        }
        return due;
    }
}
