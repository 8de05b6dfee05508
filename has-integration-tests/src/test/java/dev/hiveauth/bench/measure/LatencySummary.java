package dev.hiveauth.bench.measure;

/** Latencies of one window in milliseconds: how many, mean, p50, p99, p99.9 and max. */
public record LatencySummary(long count, double meanMs, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);
}
