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
    private final long requestBytes;
    private Connection app;
    private boolean answered;
    private Reply reply;
    private long replyBytes;
    private long replyKeptUntil;
    private boolean countedDown;

    PendingRequest(Request forwarded, Peer origin, long requestBytes) {
        if (!forwarded.isForwarded()) {
            throw new IllegalArgumentException("a pending request carries its uuid and expire");
        }
        this.forwarded = forwarded;
        this.origin = origin;
        this.app = origin.connection();
        this.requestBytes = requestBytes;
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

    /** The reply kept for attach, or null (not answered yet, or answered when memory was short). */
    synchronized Reply reply() {
        return reply;
    }

    synchronized boolean isAnswered() {
        return answered;
    }

    /**
     * Records the first accepted reply, keeping it for attach until {@code keepUntil} unless it is null (no room
     * to keep it: it is still relayed, and later replies are still "already answered"); false if another reply
     * was accepted before.
     */
    synchronized boolean answer(Reply kept, long keptBytes, long keepUntil) {
        if (answered) {
            return false;
        }
        answered = true;
        reply = kept;
        replyBytes = kept == null ? 0 : keptBytes;
        replyKeptUntil = keepUntil;
        return true;
    }

    /** True while a PKSA may still answer, or an APP may still attach. */
    synchronized boolean isLive(long now) {
        return now < liveUntil();
    }

    /** When the request stops being live: its expiry, or once answered, the end of its reply's keep time. */
    synchronized long liveUntil() {
        return answered ? replyKeptUntil : expire();
    }

    /** Bytes of the forwarded request's frame. */
    long requestBytes() {
        return requestBytes;
    }

    /** Bytes of the reply kept for attach, or 0 when none is kept. */
    synchronized long keptReplyBytes() {
        return replyBytes;
    }

    /** True once, for the first caller: the request stops waiting exactly once (answered or expired). */
    synchronized boolean countDownOnce() {
        if (countedDown) {
            return false;
        }
        countedDown = true;
        return true;
    }
}
