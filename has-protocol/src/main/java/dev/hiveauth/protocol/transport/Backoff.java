package dev.hiveauth.protocol.transport;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between attempts: doubling from {@code min} up to {@code max}, each drawn at random from the upper half
 * of that value ("equal jitter"), so the clients a restarting relay dropped together do not all come back in the
 * same millisecond. {@link RelaySocket} spaces its reconnections with it; the roles space their own retries.
 */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    public Backoff(Duration min, Duration max, DoubleSupplier random) {
        requireValid(min, max);
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /**
     * Checks that a backoff can run from {@code min} to {@code max}.
     *
     * @throws IllegalArgumentException unless {@code 0 < min <= max}
     */
    public static void requireValid(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("reconnection delays need 0 < min <= max, got " + min + " and " + max);
        }
    }

    /** The delay before the next attempt, after {@code failures} failed ones in a row. */
    public long delayMillis(int failures) {
        long ceiling = minMillis << Math.min(failures, 30);
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        }
        long half = ceiling / 2;
        return half + (long) (random.getAsDouble() * (ceiling - half));
    }
}
