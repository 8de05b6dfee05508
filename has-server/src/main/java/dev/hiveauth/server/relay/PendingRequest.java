package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.Request;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One APP request the relay holds: waiting for a PKSA until {@code expire}, then, once answered, keeping the
 * relayed reply until {@code replyKeptUntil} so an APP that lost its socket can {@code attach} and get it
 * (SPEC §7, §8). The APP side can be re-bound by attach; the first accepted reply wins.
 */
public final class PendingRequest {
    private static final AtomicLong ARRIVALS = new AtomicLong();

    private final long arrival = ARRIVALS.incrementAndGet();
    // What the relay needs of the request, without its decoded data: the data is held once, in the frame.
    private final String uuid;
    private final Family family;
    private final String account;
    private final long expire;
    private final String forwardedFrame;
    private final Peer origin;
    private Connection app;
    private boolean answered;
    private String keptReplyFrame;
    private long replyKeptUntil;
    private boolean countedDown;

    /** {@code forwardedFrame} is {@code forwarded} encoded once, sent as is to every PKSA that gets it. */
    PendingRequest(Request forwarded, String forwardedFrame, Peer origin) {
        if (!forwarded.isForwarded()) {
            throw new IllegalArgumentException("a pending request carries its uuid and expire");
        }
        this.uuid = forwarded.uuid();
        this.family = forwarded.family();
        this.account = forwarded.account();
        this.expire = forwarded.expire();
        this.forwardedFrame = forwardedFrame;
        this.origin = origin;
        this.app = origin.connection();
    }

    /** The id the relay gave the request. */
    public String uuid() {
        return uuid;
    }

    /** Whether it is an auth, sign or challenge request. */
    public Family family() {
        return family;
    }

    /** The account the request is for. */
    public String account() {
        return account;
    }

    /** Increases with each request the server receives: forwarding keeps the order requests arrived in. */
    long arrival() {
        return arrival;
    }

    /** When the request expires, epoch ms. */
    public long expire() {
        return expire;
    }

    /** The request as PKSAs receive it (uuid, expire, auth_key/token passed through verbatim), encoded once. */
    String forwardedFrame() {
        return forwardedFrame;
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

    /** The relayed reply's frame kept for attach, or null (not answered yet, or answered when memory was short). */
    synchronized String keptReplyFrame() {
        return keptReplyFrame;
    }

    synchronized boolean isAnswered() {
        return answered;
    }

    /**
     * Records the first accepted reply at {@code now}, keeping its frame for attach until {@code keepUntil} unless
     * the frame is null (no room to keep it: it is still relayed, and later replies are still "already
     * answered"). False if the request was answered before, or has expired meanwhile (a proof of key is checked
     * after a chain lookup, and an expired request must not be answered).
     */
    synchronized boolean answer(String keptFrame, long now, long keepUntil) {
        if (answered || now >= expire()) {
            return false;
        }
        answered = true;
        keptReplyFrame = keptFrame;
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
        return forwardedFrame.length();
    }

    /** Bytes of the reply kept for attach, or 0 when none is kept. */
    synchronized long keptReplyBytes() {
        return keptReplyFrame == null ? 0 : keptReplyFrame.length();
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
