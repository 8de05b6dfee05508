package dev.hiveauth.server.relay;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests this node's APPs have waiting for a wallet, against the server-wide limits: counted, and their frames'
 * bytes. Replies kept for attach have a budget of their own in the store ({@link InMemoryRequestStore}): a new request
 * must never be refused because replies are being kept for attach.
 */
final class Backlog {
    /** The share of the waiting-bytes budget only light connections may fill: an eighth. */
    static final long LIGHT_RESERVE_DIVISOR = 8;
    /** A connection is light while its waiting requests hold at most this share of the budget: 1/128. */
    static final long LIGHT_SHARE_DIVISOR = 128;

    private final Limits limits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong waitingBytes = new AtomicLong();

    Backlog(Limits limits) {
        this.limits = limits;
    }

    /**
     * Why a new request of {@code bytes} from a connection whose requests already hold {@code heldByConnection} bytes
     * cannot be taken, or null when it was taken. The last {@link #LIGHT_RESERVE_DIVISOR}th of the byte budget is
     * kept for connections that hold little (at most a {@link #LIGHT_SHARE_DIVISOR}th of it, with this request):
     * a few sockets filling the budget with large requests, each under its own limit, still leave room for the
     * ordinary logins of everyone else.
     */
    String admit(long bytes, long heldByConnection) {
        if (waiting.incrementAndGet() > limits.maxPendingTotal()) {
            waiting.decrementAndGet();
            return "the server is busy (" + limits.maxPendingTotal() + " requests waiting), try again later";
        }
        long budget = limits.maxPendingBytes();
        boolean light = heldByConnection + bytes <= budget / LIGHT_SHARE_DIVISOR;
        if (!reserve(waitingBytes, bytes, light ? budget : budget - budget / LIGHT_RESERVE_DIVISOR)) {
            waiting.decrementAndGet();
            if (light || waitingBytes.get() + bytes > budget) {
                return "the server is busy (waiting requests hold " + budget + " bytes), try again later";
            }
            return "the server is busy (waiting requests hold most of its " + budget + " bytes; the rest is kept for "
                    + "connections holding less than " + budget / LIGHT_SHARE_DIVISOR + "), try again later";
        }
        return null;
    }

    /** A request of {@code bytes} stopped waiting (answered, expired or refused): its count and bytes go back. */
    void stoppedWaiting(long bytes) {
        waiting.decrementAndGet();
        waitingBytes.addAndGet(-bytes);
    }

    int waiting() {
        return waiting.get();
    }

    private static boolean reserve(AtomicLong used, long bytes, long ceiling) {
        while (true) {
            long current = used.get();
            if (current + bytes > ceiling) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }
}
