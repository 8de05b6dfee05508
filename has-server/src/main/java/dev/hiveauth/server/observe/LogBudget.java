package dev.hiveauth.server.observe;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many log lines one source may write: a burst, then one per interval (a token bucket). A line refused is counted,
 * so the next line allowed can say how many were left out ("suppressed N"), and so the metrics can count them. Lines
 * about what peers send go through one of these, so that no peer can fill the disk by sending what the server logs.
 * Time is injected (nanoseconds). Thread-safe.
 */
public final class LogBudget {
    private final double perNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Runnable onSuppressed;
    private double tokens;
    private long lastNanos;
    private long suppressed;

    /**
     * @param burst lines allowed at once
     * @param refill one more line allowed after this long
     * @param onSuppressed told of each line left out (a metric)
     */
    public LogBudget(int burst, Duration refill, LongSupplier nanoTime, Runnable onSuppressed) {
        if (burst <= 0 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("a log budget needs a positive burst and refill");
        }
        this.perNano = 1.0 / refill.toNanos();
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.onSuppressed = onSuppressed;
        this.tokens = burst;
        this.lastNanos = nanoTime.getAsLong();
    }

    /** True when a line may be written now; otherwise it is counted as suppressed. */
    public boolean allow() {
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now > lastNanos) {
                tokens = Math.min(burst, tokens + (now - lastNanos) * perNano);
                lastNanos = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            suppressed++;
        }
        onSuppressed.run();
        return false;
    }

    /** The lines left out since this was last asked, now reset to zero (for a "suppressed N" note). */
    public synchronized long takeSuppressed() {
        long taken = suppressed;
        suppressed = 0;
        return taken;
    }
}
