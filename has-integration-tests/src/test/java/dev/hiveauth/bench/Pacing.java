package dev.hiveauth.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for a point in time (System.nanoTime) or a condition, the harness's only clock. */
public final class Pacing {
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private Pacing() {
    }

    /** Parks until {@code deadlineNanos}; returns at once if it has passed. */
    public static void sleepUntil(long deadlineNanos) {
        for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing the benchmark");
            }
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; returns whether it held. */
    public static boolean awaitCondition(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleepUntil(System.nanoTime() + POLL_NANOS);
        }
        return true;
    }
}
