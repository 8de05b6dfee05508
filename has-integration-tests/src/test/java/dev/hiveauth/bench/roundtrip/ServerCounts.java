package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.measure.RelayCounters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the relay itself counted over a phase, the other side of what the peers saw: auth requests accepted and
 * approved, error frames sent, proofs of key refused.
 */
public record ServerCounts(long accepted, long approved, long errorsSent, long pokFailures) {

    /** Read from the meters of a relay in this JVM. */
    public static ServerCounts of(MeterRegistry meters) {
        return new ServerCounts(RelayCounters.authRequests(meters, "accepted"),
                RelayCounters.authRequests(meters, "approved"), RelayCounters.total(meters, "has.errors"),
                RelayCounters.total(meters, "has.pok.failures"));
    }
}
