package dev.hiveauth.pksa;

import java.time.Duration;
import java.util.Objects;

/**
 * How a PKSA keeps its relay connections alive.
 *
 * @param pingInterval how often a WebSocket ping is sent (the reference PKSA: every 60 s)
 * @param pongTimeout how long without any pong before the connection is given up and replaced
 * @param minReconnectDelay the first reconnection delay, doubled on each failure
 * @param maxReconnectDelay the longest reconnection delay
 * @param handshakeTimeout how long one connection attempt may take
 */
record ConnectionSettings(Duration pingInterval, Duration pongTimeout, Duration minReconnectDelay,
                          Duration maxReconnectDelay, Duration handshakeTimeout) {
    static final ConnectionSettings DEFAULT = new ConnectionSettings(Duration.ofSeconds(60), Duration.ofSeconds(180),
            Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(15));

    ConnectionSettings {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pongTimeout, "pongTimeout");
        Objects.requireNonNull(minReconnectDelay, "minReconnectDelay");
        Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("the ping interval must be positive");
        }
        if (pongTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("the pong timeout must be longer than the ping interval");
        }
    }
}
