package dev.hiveauth.pksa;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnection delays: exponential from {@code min} (doubling per failed attempt, capped at {@code max}),
 * with "equal jitter" — half the delay fixed, half random — so that many wallets cut off by the same relay
 * restart do not all come back in the same millisecond.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final Random random;

    Backoff(Duration min, Duration max, Random random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("reconnect delays need 0 < min <= max, got " + min + " and " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before attempt number {@code failures + 1}, {@code failures} ≥ 0 being the attempts that failed. */
    long delayMillis(int failures) {
        long ceiling = minMillis;
        for (int i = 0; i < failures && ceiling < maxMillis; i++) {
            ceiling = Math.min(maxMillis, ceiling * 2);
        }
        long half = ceiling / 2;
        synchronized (random) {
            return ceiling - half + (half == 0 ? 0 : (long) (random.nextDouble() * (half + 1)));
        }
    }
}
