package dev.hiveauth.app;

/**
 * How a {@link HasClient} paces itself so that a relay never refuses a request for the client's own volume: a
 * backend puts any number of requests in, and the client spreads them over up to {@code maxConnections}
 * WebSockets, each sending at most {@code requestsPerSecond} messages (bursts of {@code burst}) and keeping at
 * most {@code maxInFlightPerConnection} requests waiting at the relay. What does not fit waits in the client's
 * queue, in order, up to {@code maxQueued} requests; beyond that a request fails at once with
 * {@link QueueFullException}. A queued request that cannot leave within the relay's timeout (60 s by default)
 * fails like a request that was never answered.
 *
 * <p>The defaults stay under the limits SPEC §1 gives as an example for relays (100 pending requests per
 * socket, 50 messages/s with bursts of 200), so they are safe on any relay that follows it: 4 connections × 90
 * requests in flight × 40 messages/s. A client of a relay with higher limits (this project's relay allows
 * 1,000 pending requests and 100 messages/s per socket) may raise them. Should a relay still refuse a request
 * for rate or load, the client sends it again after a pause instead of failing it.
 *
 * @param maxConnections WebSockets the client may open to its relay (one is opened first, more as the queue grows)
 * @param maxInFlightPerConnection requests sent on one connection and not yet answered
 * @param requestsPerSecond messages per second on one connection, sustained
 * @param burst messages one connection may send at once
 * @param maxQueued requests waiting in the client for a connection with room
 */
public record FlowControl(int maxConnections, int maxInFlightPerConnection, double requestsPerSecond, int burst,
                          int maxQueued) {

    /** Four connections, 90 requests in flight on each, 40 a second (bursts of 100), 10,000 queued. */
    public static final FlowControl DEFAULT = new FlowControl(4, 90, 40, 100, 10_000);

    /** Checks that every figure is positive. */
    public FlowControl {
        requirePositive(maxConnections, "maxConnections");
        requirePositive(maxInFlightPerConnection, "maxInFlightPerConnection");
        requirePositive(burst, "burst");
        requirePositive(maxQueued, "maxQueued");
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive");
        }
    }

    /** A copy with another number of connections. */
    public FlowControl withMaxConnections(int value) {
        return new FlowControl(value, maxInFlightPerConnection, requestsPerSecond, burst, maxQueued);
    }

    /** A copy with another number of requests in flight per connection. */
    public FlowControl withMaxInFlightPerConnection(int value) {
        return new FlowControl(maxConnections, value, requestsPerSecond, burst, maxQueued);
    }

    /** Messages per second per connection, sustained, and how many may leave at once. */
    public FlowControl withRate(double perSecond, int burstSize) {
        return new FlowControl(maxConnections, maxInFlightPerConnection, perSecond, burstSize, maxQueued);
    }

    /** A copy with another number of requests that may wait for a place. */
    public FlowControl withMaxQueued(int value) {
        return new FlowControl(maxConnections, maxInFlightPerConnection, requestsPerSecond, burst, value);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
