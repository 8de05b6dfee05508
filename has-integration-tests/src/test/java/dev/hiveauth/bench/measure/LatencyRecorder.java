package dev.hiveauth.bench.measure;

import java.util.Arrays;

/**
 * Every latency of a measured window, kept exactly: a few hundred thousand longs cost a few MB, and exact
 * percentiles need no histogram library and no explanation of its error. Thread-safe.
 */
public final class LatencyRecorder {
    private long[] nanos = new long[1 << 14];
    private int count;

    public synchronized void record(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, nanos.length * 2);
        }
        nanos[count++] = latencyNanos;
    }

    public synchronized int count() {
        return count;
    }

    /** Percentiles by the nearest-rank method, in milliseconds. */
    public synchronized LatencySummary summary() {
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        double total = 0;
        for (long value : sorted) {
            total += value;
        }
        return new LatencySummary(count, millis(total / count), millis(rank(sorted, 0.50)),
                millis(rank(sorted, 0.99)), millis(rank(sorted, 0.999)), millis(sorted[count - 1]));
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0; // microsecond resolution is plenty
    }
}
