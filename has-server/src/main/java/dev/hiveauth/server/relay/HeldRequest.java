package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.message.Family;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request {@link InMemoryRequestStore} holds: waiting for a wallet until its expiry, then, once answered, keeping
 * the relayed reply until its keep time so an APP that lost its socket can attach and get it (SPEC §7, §8).
 */
final class HeldRequest {
    private static final AtomicLong ARRIVALS = new AtomicLong();

    private final long arrival = ARRIVALS.incrementAndGet();
    /** The request; once answered, without its forwarded frame, which no wallet will be sent again. */
    private StoredRequest request;
    private String appConnection;
    private boolean answered;
    private String keptReplyFrame;
    private long replyKeptUntil;

    HeldRequest(StoredRequest request) {
        this.request = request;
        this.appConnection = request.appConnection();
    }

    synchronized StoredRequest request() {
        return request;
    }

    /** The request as wallets receive it, while it waits for one; null once answered or past its time. */
    synchronized RequestStore.Forward forwardIfWaiting(long now) {
        return answered || now >= request.expire() ? null : request.forward();
    }

    Family family() {
        return request.family();
    }

    long expire() {
        return request.expire();
    }

    /** Increases with each request: a wallet catching up gets them in the order they arrived. */
    long arrival() {
        return arrival;
    }

    synchronized String appConnection() {
        return appConnection;
    }

    synchronized boolean isAnswered() {
        return answered;
    }

    /**
     * Records the winning reply, kept until {@code keepUntil} unless null (no room to keep it: then only the fact that
     * it was answered stays, until the request's own expiry, so a second reply is told so rather than "expired").
     */
    synchronized void answer(String keptFrame, long keepUntil) {
        answered = true;
        keptReplyFrame = keptFrame;
        replyKeptUntil = keptFrame == null ? Math.min(keepUntil, request.expire()) : keepUntil;
        // The forwarded frame (the request's data, often most of its bytes) is not needed any more: at tens of
        // thousands of requests a second it was most of the heap held for a minute.
        request = new StoredRequest(request.uuid(), request.family(), request.account(), request.expire(), null,
                request.appConnection());
    }

    /** Binds the request to another APP connection, if there is still something to attach to. */
    synchronized RequestStore.Attachment attach(String connection, long now) {
        if (!isLive(now) || answered && keptReplyFrame == null) {
            return RequestStore.Attachment.UNKNOWN;
        }
        appConnection = connection;
        return answered ? new RequestStore.Attachment(RequestStore.AttachState.ANSWERED, keptReplyFrame)
                : RequestStore.Attachment.WAITING;
    }

    synchronized RequestStore.RequestFacts facts() {
        return new RequestStore.RequestFacts(request.account(), request.family(), request.expire(), answered,
                liveUntil());
    }

    synchronized boolean isLive(long now) {
        return now < liveUntil();
    }

    /** Its expiry, or once answered, the end of its reply's keep time. */
    synchronized long liveUntil() {
        return answered ? replyKeptUntil : request.expire();
    }

    synchronized long keptReplyBytes() {
        return keptReplyFrame == null ? 0 : keptReplyFrame.length();
    }
}
