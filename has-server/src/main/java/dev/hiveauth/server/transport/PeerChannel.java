package dev.hiveauth.server.transport;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.grizzly.Connection;

/**
 * What the transport tracks of one TCP connection, from accept to close: whether its upgrade is done, the bytes
 * queued for it and when they last moved, the message it is sending in part, and its pings. Writes may come from any
 * thread, reads of one connection come one at a time, and the close from yet another: {@link PeerBuffers} changes the
 * counts under this object's monitor, so a connection gives back exactly what was counted for it.
 */
final class PeerChannel {
    final Connection<?> connection;
    final long acceptedNanos;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Whether its upgrade request was read (inbound guard), and whether the server answered it with a 101. */
    volatile boolean upgraded;
    volatile boolean switchedProtocols;
    /** Set while the 101 goes down the chain: it is written at once, never held with a read's frames. */
    volatile boolean switchingProtocolsNow;

    /** Bytes handed to the transport for this socket and not yet written to it. */
    final AtomicLong queued = new AtomicLong();
    /** When the queue last moved (a write completed) or started to fill. */
    volatile long lastDrainNanos;

    /**
     * Since when forwarded requests wait for room in its queue ({@link PacedFrames}), 0 while none do: with its queue
     * not moving either, it does not read.
     */
    volatile long forwardsWaitingSinceNanos;

    /** Bytes of the message this peer is sending in part, and since when (inbound guard only). */
    volatile long receiving;
    volatile long receivingSinceNanos;

    final TokenBucket pings;
    /** The client's address once known (at accept, or from its PROXY header), counted against its share. */
    volatile InetAddress clientAddress;
    /** Whether the PROXY header was read (when the relay expects one). Inbound guard only. */
    boolean proxyHeaderRead;
    /** Whether the HTTP request was told the client's address (see {@link ClientAddressFilter}). */
    volatile boolean addressPassedUp;

    /**
     * Set once the connection closed and what it held was given back to the totals; after that nothing more is counted
     * for it (a read or a write finishing late on another thread). Guarded by this object's monitor.
     */
    boolean released;

    /** When the transport started to close it (0 while open): a close frame that never leaves is cut short. */
    volatile long closingSinceNanos;

    PeerChannel(Connection<?> connection, long nowNanos, TransportLimits limits) {
        this.connection = connection;
        this.acceptedNanos = nowNanos;
        this.lastDrainNanos = nowNanos;
        this.pings = new TokenBucket(limits.pingsPerSecond(), limits.pingBurst(), nowNanos);
    }

    /** True for the first caller only: a connection is closed once, and reported once. */
    boolean startClosing() {
        return closing.compareAndSet(false, true);
    }

    boolean isClosing() {
        return closing.get();
    }
}
