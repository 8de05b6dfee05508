package dev.hiveauth.bench.measure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The relay's own counts, read from its Micrometer meters: what it accepted, relayed, refused and let expire,
 * the other side of what the benchmark's peers saw. A counter the relay never touched reads 0.
 */
public final class RelayCounters {
    private RelayCounters() {
    }

    /** {@code has.requests} of type auth with that outcome: accepted, rejected, approved, refused, failed, expired. */
    public static long authRequests(MeterRegistry meters, String outcome) {
        Counter counter = meters.find("has.requests").tags("type", "auth", "outcome", outcome).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    /** Every counter of that name, whatever its tags (e.g. {@code has.errors}: error frames sent). */
    public static long total(MeterRegistry meters, String name) {
        return (long) meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
