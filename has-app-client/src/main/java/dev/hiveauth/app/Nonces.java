package dev.hiveauth.app;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code nonce} of sign and challenge requests: the current time in ms, as the docs ask, but strictly
 * increasing even for two requests in the same millisecond, because a PKSA refuses a nonce that is not
 * greater than the last one it saw for the authentication (its replay guard).
 */
final class Nonces {
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    Nonces(Clock clock) {
        this.clock = clock;
    }

    long next() {
        long now = clock.millis();
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
