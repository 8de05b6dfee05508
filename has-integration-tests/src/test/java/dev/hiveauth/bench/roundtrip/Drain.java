package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.Pacing;
import java.time.Duration;

/** The end of a phase: sending has stopped; wait for the last answers, then for the counters to agree. */
final class Drain {
    /**
     * The server counts a reply as approved just after queueing it, so an APP can see the last auth_ack a
     * moment before the server's counter moves: give the counters that moment before judging.
     */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private Drain() {
    }

    static RoundTripCorrectness await(RoundTripRig rig, Duration timeout) {
        Pacing.awaitCondition(() -> rig.outstanding() == 0, timeout);
        Pacing.awaitCondition(() -> rig.correctness().ok(), SETTLE);
        return rig.correctness();
    }
}
