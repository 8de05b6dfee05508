package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.Request;

/**
 * One APP request the relay holds: waiting for a PKSA until {@code expire}, then, once answered, keeping the
 * relayed reply until {@code replyKeptUntil} so an APP that lost its socket can {@code attach} and get it
 * (SPEC §7, §8). The APP side can be re-bound by attach; the first accepted reply wins.
 */
public final class PendingRequest {
    private static final java.util.concurrent.atomic.AtomicLong ARRIVALS = new java.util.concurrent.atomic.AtomicLong();

    private final long arrival = ARRIVALS.incrementAndGet();
    private final Request forwarded;
    private final Peer origin;
    private Connection app;
    private Reply reply;
    private long replyKeptUntil;
    private boolean countedDown;

    PendingRequest(Request forwarded, Peer origin) {
        if (!forwarded.isForwarded()) {
            throw new IllegalArgumentException("a pending request carries its uuid and expire");
        }
        this.forwarded = forwarded;
        this.origin = origin;
        this.app = origin.connection();
    }

    public String uuid() {
        return forwarded.uuid();
    }

    public Family family() {
        return forwarded.family();
    }

    public String account() {
        return forwarded.account();
    }

    /** Increases with each request the server receives: forwarding keeps the order requests arrived in. */
    long arrival() {
        return arrival;
    }

    public long expire() {
        return forwarded.expire();
    }

    /** The request as PKSAs receive it: with uuid, expire, and auth_key/token passed through verbatim. */
    public Request forwarded() {
        return forwarded;
    }

    Peer origin() {
        return origin;
    }

    synchronized Connection app() {
        return app;
    }

    synchronized void rebind(Connection connection) {
        app = connection;
    }

    synchronized Reply reply() {
        return reply;
    }

    synchronized boolean isAnswered() {
        return reply != null;
    }

    /** Records the first accepted reply; false if another reply was accepted before. */
    synchronized boolean answer(Reply relayed, long keepUntil) {
        if (reply != null) {
            return false;
        }
        reply = relayed;
        replyKeptUntil = keepUntil;
        return true;
    }

    /** True while a PKSA may still answer, or an APP may still attach. */
    synchronized boolean isLive(long now) {
        return reply == null ? now < expire() : now < replyKeptUntil;
    }

    /** True once, for the first caller: the origin's pending count goes down exactly once. */
    synchronized boolean countDownOnce() {
        if (countedDown) {
            return false;
        }
        countedDown = true;
        return true;
    }
}
