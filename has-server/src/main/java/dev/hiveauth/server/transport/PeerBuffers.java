package dev.hiveauth.server.transport;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The memory peers make the transport hold, against {@link TransportLimits}: bytes queued for sending (per socket
 * and in total) and bytes of messages received in part (in total), each with a deadline, and every connection's
 * handshake deadline. Decides; the Grizzly filters act. Time is injected (nanoseconds), so the rules are tested
 * without a network or a wait.
 */
final class PeerBuffers {
    private final TransportLimits limits;
    private final LongSupplier nanoTime;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong receiving = new AtomicLong();
    private final Set<PeerChannel> channels = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<InetAddress, Integer> connectionsByAddress = new ConcurrentHashMap<>();

    /** A connection to close, and why. */
    record Verdict(PeerChannel channel, Closure closure, String detail) {
    }

    PeerBuffers(TransportLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    long now() {
        return nanoTime.getAsLong();
    }

    PeerChannel accepted(org.glassfish.grizzly.Connection<?> connection) {
        PeerChannel channel = new PeerChannel(connection, nanoTime.getAsLong(), limits);
        channels.add(channel);
        return channel;
    }

    /** The connection is gone: what it held is released. */
    void closed(PeerChannel channel) {
        synchronized (channel) {
            if (channel.released) {
                return;
            }
            channel.released = true;
            channels.remove(channel);
            if (channel.clientAddress != null) {
                connectionsByAddress.computeIfPresent(channel.clientAddress, (address, count) -> count <= 1 ? null
                        : count - 1);
            }
            queued.addAndGet(-channel.queued.getAndSet(0));
            receiving.addAndGet(-channel.receiving);
            channel.receiving = 0;
        }
    }

    /**
     * The connection's client is {@code address}: null when it may stay (it is counted against the address's share),
     * else why it must be closed.
     */
    Verdict admitAddress(PeerChannel channel, InetAddress address, int maxPerAddress) {
        synchronized (channel) {
            if (channel.released || channel.clientAddress != null) {
                return null;
            }
            boolean[] full = {false};
            connectionsByAddress.compute(address, (key, count) -> {
                int now = count == null ? 0 : count;
                if (now >= maxPerAddress) {
                    full[0] = true;
                    return count;
                }
                return now + 1;
            });
            if (full[0]) {
                return new Verdict(channel, Closure.ADDRESS_CAP, "its address " + address.getHostAddress() + " holds "
                        + maxPerAddress + " connections, the limit for one address");
            }
            channel.clientAddress = address;
            return null;
        }
    }

    /**
     * {@code bytes} are about to be queued for {@code channel}: null when they may be (they are counted), else why the
     * socket must be closed instead. A socket that keeps up (nothing queued) is always served.
     */
    Verdict queue(PeerChannel channel, long bytes) {
        long here = channel.queued.get();
        if (here + bytes > limits.maxQueuedBytesPerSocket()) {
            return new Verdict(channel, Closure.SLOW_READER, "it does not read: " + here + " bytes wait to be sent to it, "
                    + "the limit is " + limits.maxQueuedBytesPerSocket());
        }
        if (here > 0 && queued.get() + bytes > limits.maxQueuedBytes()) {
            return new Verdict(channel, Closure.QUEUES_FULL, "it lags (" + here + " bytes wait) while every socket's "
                    + "queues together hold " + limits.maxQueuedBytes() + " bytes, the limit");
        }
        synchronized (channel) {
            if (channel.released) {
                return null; // closed meanwhile: the write fails, nothing to count
            }
            if (channel.queued.get() == 0) {
                channel.lastDrainNanos = nanoTime.getAsLong(); // the queue starts to fill now, not when it last moved
            }
            channel.queued.addAndGet(bytes);
            queued.addAndGet(bytes);
        }
        return null;
    }

    /** {@code bytes} queued for {@code channel} were written out (or dropped by a failed write). */
    void sent(PeerChannel channel, long bytes) {
        synchronized (channel) {
            if (!channel.released) {
                channel.queued.addAndGet(-bytes);
                queued.addAndGet(-bytes);
            }
        }
        channel.lastDrainNanos = nanoTime.getAsLong();
    }

    /**
     * {@code bytes} more of a message {@code channel} sends in part arrived: null when they may be held, else why the
     * socket must be closed.
     */
    Verdict receive(PeerChannel channel, long bytes) {
        if (receiving.get() + bytes > limits.maxReceivingBytes()) {
            return new Verdict(channel, Closure.RECEIVING_FULL, "messages received in part already hold "
                    + receiving.get() + " bytes, the limit is " + limits.maxReceivingBytes());
        }
        synchronized (channel) {
            if (channel.released) {
                return null; // closed meanwhile: nothing more is held for it
            }
            if (channel.receiving == 0) {
                channel.receivingSinceNanos = nanoTime.getAsLong();
            }
            channel.receiving += bytes;
            receiving.addAndGet(bytes);
        }
        return null;
    }

    /** The message {@code channel} was sending is complete (handed to the endpoint): its bytes are released. */
    void received(PeerChannel channel) {
        synchronized (channel) {
            if (!channel.released) {
                receiving.addAndGet(-channel.receiving);
                channel.receiving = 0;
            }
        }
    }

    /** The connections past a deadline: handshake not done, queue not moving, message not finished. */
    List<Verdict> overdue() {
        long now = nanoTime.getAsLong();
        List<Verdict> overdue = new ArrayList<>();
        for (PeerChannel channel : channels) {
            if (channel.isClosing()) {
                continue;
            }
            if (!channel.upgraded && now - channel.acceptedNanos > limits.handshakeTimeout().toNanos()) {
                overdue.add(new Verdict(channel, Closure.HANDSHAKE_TIMEOUT, "no WebSocket upgrade within "
                        + limits.handshakeTimeout().toSeconds() + " s"));
            } else if (isStalledWithForwardsWaiting(channel, now)) {
                overdue.add(new Verdict(channel, Closure.SLOW_READER, "it does not read: forwarded requests wait for "
                        + "room in its queue, which has not moved for " + PacedFrames.STALL_NANOS / 1_000_000_000L + " s"));
            } else if (channel.queued.get() > 0 && now - channel.lastDrainNanos > limits.drainTimeout().toNanos()) {
                overdue.add(new Verdict(channel, Closure.STALLED_READER, "it read nothing for "
                        + limits.drainTimeout().toSeconds() + " s with " + channel.queued.get() + " bytes waiting"));
            } else if (channel.receiving > 0 && now - channel.receivingSinceNanos > limits.drainTimeout().toNanos()) {
                overdue.add(new Verdict(channel, Closure.UNFINISHED_MESSAGE, "it left a message unfinished for "
                        + limits.drainTimeout().toSeconds() + " s"));
            }
        }
        return overdue;
    }

    /** Requests wait to be forwarded to it while nothing was written to it for {@link PacedFrames#STALL_NANOS}. */
    private static boolean isStalledWithForwardsWaiting(PeerChannel channel, long now) {
        long waitingSince = channel.forwardsWaitingSinceNanos;
        return waitingSince != 0 && now - waitingSince > PacedFrames.STALL_NANOS
                && now - channel.lastDrainNanos > PacedFrames.STALL_NANOS;
    }

    /** Connections whose close frame has not left after {@code nanos}: their peer does not read it. */
    List<PeerChannel> lingering(long nanos) {
        long now = nanoTime.getAsLong();
        List<PeerChannel> lingering = new ArrayList<>();
        for (PeerChannel channel : channels) {
            long since = channel.closingSinceNanos;
            if (since != 0 && now - since > nanos) {
                lingering.add(channel);
            }
        }
        return lingering;
    }

    long queuedBytes() {
        return queued.get();
    }

    long receivingBytes() {
        return receiving.get();
    }

    int channelCount() {
        return channels.size();
    }
}
