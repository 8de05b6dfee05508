package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.Pacing;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The end of a phase: sending has stopped; wait for the last answers, then for the counters to agree. */
public final class Drain {
    /**
     * The server counts a reply as approved just after queueing it, so an APP can see the last auth_ack a
     * moment before the server's counter moves: give the counters that moment before judging.
     */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private Drain() {
    }

    /** Waits up to {@code timeout} for nothing to be {@code outstanding}, then judges by {@code correctness}. */
    public static RoundTripCorrectness await(LongSupplier outstanding, Supplier<RoundTripCorrectness> correctness,
                                             Duration timeout) {
        Pacing.awaitCondition(() -> outstanding.getAsLong() == 0, timeout);
        Pacing.awaitCondition(() -> correctness.get().ok(), SETTLE);
        return correctness.get();
    }
}
