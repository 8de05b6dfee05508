package dev.hiveauth.server.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * What the network side may hold for peers, and how long a peer may keep it waiting — the memory one socket could
 * otherwise pin by not reading, by sending half a frame, or by never finishing its handshake.
 *
 * @param maxQueuedBytesPerSocket bytes queued for sending to one socket; a socket past it does not read its frames
 *     and is closed (its requests stay pending for attach, its registrations end)
 * @param maxQueuedBytes bytes queued for sending to every socket together; past it, a socket that already lags is
 *     closed rather than queue more, while one that keeps up is still served
 * @param maxReceivingBytes bytes of messages received in part (a frame not finished, a fragmented message) over
 *     every socket; past it, the socket that would add more is closed
 * @param drainTimeout how long a socket may leave its queue unread, or a message unfinished, before it is closed
 * @param handshakeTimeout how long a connection may take to complete its WebSocket upgrade
 * @param pingsPerSecond WebSocket pings one socket may send, sustained (each gets a pong)
 * @param pingBurst pings one socket may send at once; a socket past its ping budget is closed (1008)
 */
public record TransportLimits(long maxQueuedBytesPerSocket, long maxQueuedBytes, long maxReceivingBytes,
                              Duration drainTimeout, Duration handshakeTimeout, double pingsPerSecond, int pingBurst) {

    /** For a 1 GiB heap; {@link #forHeap(long)} fits them to another. */
    public static final TransportLimits DEFAULT = forHeap(1024L * 1024 * 1024);

    /** Checks that every limit is positive and both timeouts are present. */
    public TransportLimits {
        requirePositive(maxQueuedBytesPerSocket, "maxQueuedBytesPerSocket");
        requirePositive(maxQueuedBytes, "maxQueuedBytes");
        requirePositive(maxReceivingBytes, "maxReceivingBytes");
        requirePositive(pingBurst, "pingBurst");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (drainTimeout.isNegative() || drainTimeout.isZero() || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("the drain and handshake timeouts must be positive");
        }
        if (!(pingsPerSecond > 0)) {
            throw new IllegalArgumentException("pingsPerSecond must be positive");
        }
        if (maxQueuedBytes < maxQueuedBytesPerSocket) {
            throw new IllegalArgumentException("maxQueuedBytes must hold at least one socket's queue");
        }
    }

    /**
     * The defaults for a JVM whose heap may grow to {@code maxHeapBytes}: a tenth of it for every socket's
     * outgoing queues, a tenth for messages received in part; 1 MiB per socket's queue (at most a tenth of the total);
     * 30 s to drain or finish a message, 10 s to finish a handshake; one ping a second with bursts of 10.
     */
    public static TransportLimits forHeap(long maxHeapBytes) {
        long tenth = Math.max(1, maxHeapBytes / 10);
        return new TransportLimits(Math.min(1024L * 1024, tenth), tenth, tenth, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 1, 10);
    }

    /** A copy with other caps on bytes queued for sending, per socket and in all. */
    public TransportLimits withQueued(long perSocket, long total) {
        return new TransportLimits(perSocket, total, maxReceivingBytes, drainTimeout, handshakeTimeout, pingsPerSecond,
                pingBurst);
    }

    /** A copy with another cap on bytes of messages received in part. */
    public TransportLimits withMaxReceivingBytes(long value) {
        return new TransportLimits(maxQueuedBytesPerSocket, maxQueuedBytes, value, drainTimeout, handshakeTimeout,
                pingsPerSecond, pingBurst);
    }

    /** A copy with other timeouts for draining a closing socket and for a WebSocket handshake. */
    public TransportLimits withTimeouts(Duration drain, Duration handshake) {
        return new TransportLimits(maxQueuedBytesPerSocket, maxQueuedBytes, maxReceivingBytes, drain, handshake,
                pingsPerSecond, pingBurst);
    }

    /** A copy with another rate and burst of pings a peer may send. */
    public TransportLimits withPings(double perSecond, int burst) {
        return new TransportLimits(maxQueuedBytesPerSocket, maxQueuedBytes, maxReceivingBytes, drainTimeout,
                handshakeTimeout, perSecond, burst);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
