package dev.hiveauth.server.transport;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The order of frames sent from several threads. While a thread handling a read holds frames for this connection
     * in its {@link WriteBatch}, a frame another thread sends (a reply relayed from another node, the answer to a
     * request once the store has it) goes behind them, not straight out ahead of them.
     */
    private final Object writeOrder = new Object();
    private WriteBatch holder; // guarded by writeOrder
    private int heldEntries; // guarded by writeOrder
    private List<WriteBatch.Late> late; // guarded by writeOrder

    PeerChannel(Connection<?> connection, long nowNanos, TransportLimits limits) {
        this.connection = connection;
        this.acceptedNanos = nowNanos;
        this.lastDrainNanos = nowNanos;
        this.pings = new TokenBucket(limits.pingsPerSecond(), limits.pingBurst(), nowNanos);
    }

    /** {@code batch} starts holding frames for this connection; false if another thread's batch holds some now. */
    boolean startHolding(WriteBatch batch) {
        synchronized (writeOrder) {
            if (holder != null && holder != batch) {
                return false;
            }
            holder = batch;
            heldEntries++;
            return true;
        }
    }

    /**
     * A frame sent on a thread whose batch is {@code current} (null when it handles no read): queued (true) if a batch
     * holds frames for this connection and it is another thread's, or if frames are queued already (then every later
     * frame goes behind them too, the holder's own included); false when it may be held or written as usual.
     */
    boolean queueBehindHeld(WriteBatch current, WriteBatch.Late frame) {
        synchronized (writeOrder) {
            if (holder == null || holder == current && (late == null || late.isEmpty())) {
                return false;
            }
            if (late == null) {
                late = new ArrayList<>(2);
            }
            late.add(frame);
            return true;
        }
    }

    /**
     * Once the holder wrote what it held: the frames queued behind meanwhile, to write next; empty when there are none
     * left, and then the holding is over (the last of its entries written).
     */
    List<WriteBatch.Late> queuedBehindOrRelease() {
        synchronized (writeOrder) {
            if (late == null || late.isEmpty()) {
                if (--heldEntries == 0) {
                    holder = null;
                }
                return List.of();
            }
            List<WriteBatch.Late> next = late;
            late = null;
            return next;
        }
    }

    /** True for the first caller only: a connection is closed once, and reported once. */
    boolean startClosing() {
        return closing.compareAndSet(false, true);
    }

    boolean isClosing() {
        return closing.get();
    }
}
