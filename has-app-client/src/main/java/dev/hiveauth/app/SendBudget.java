package dev.hiveauth.app;

import dev.hiveauth.protocol.transport.Timers;

/**
 * A connection's send rate: a token bucket of {@link FlowControl#burst()} messages refilled at
 * {@link FlowControl#requestsPerSecond()}, on the transport's timers. Messages the client must send whatever
 * the rate (re-attaching after a reconnect) may take it below zero, which delays what comes after them. Not
 * thread-safe: used under the client's lock.
 */
final class SendBudget {
    private final double perMilli;
    private final double burst;
    private final Timers timers;
    private double tokens;
    private long lastRefill;

    SendBudget(FlowControl flow, Timers timers) {
        this.perMilli = flow.requestsPerSecond() / 1000.0;
        this.burst = flow.burst();
        this.timers = timers;
        this.tokens = burst;
        this.lastRefill = timers.nowMillis();
    }

    /** Takes one message's worth if there is one. */
    boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Takes one message's worth even if that leaves a debt. */
    void take() {
        refill();
        tokens -= 1;
    }

    /** Sends nothing more for {@code millis} (the relay said it is overloaded): the next message goes after it. */
    void pause(long millis) {
        refill();
        tokens = Math.min(tokens, 1 - perMilli * millis);
    }

    /** How long until the next message may go (0 when one may go now). */
    long millisUntilNext() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perMilli);
    }

    private void refill() {
        long now = timers.nowMillis();
        if (now > lastRefill) {
            tokens = Math.min(burst, tokens + (now - lastRefill) * perMilli);
            lastRefill = now;
        }
    }
}
