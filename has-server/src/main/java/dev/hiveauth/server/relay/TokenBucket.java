package dev.hiveauth.server.relay;

import java.time.Clock;

/** A token bucket: {@code ratePerSecond} tokens refill continuously up to {@code capacity}. Not thread-safe. */
final class TokenBucket {
    private final double ratePerMilli;
    private final double capacity;
    private final Clock clock;
    private double tokens;
    private long lastRefill;

    TokenBucket(double ratePerSecond, double capacity, Clock clock) {
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.capacity = capacity;
        this.clock = clock;
        this.tokens = capacity;
        this.lastRefill = clock.millis();
    }

    /** Takes one token if there is one. */
    boolean tryTake() {
        long now = clock.millis();
        if (now > lastRefill) {
            tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerMilli);
            lastRefill = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
