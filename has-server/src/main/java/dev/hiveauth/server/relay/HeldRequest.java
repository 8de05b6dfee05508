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
    private final StoredRequest request;
    private String appConnection;
    private boolean answered;
    private String keptReplyFrame;
    private long replyKeptUntil;

    HeldRequest(StoredRequest request) {
        this.request = request;
        this.appConnection = request.appConnection();
    }

    StoredRequest request() {
        return request;
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

    /** Records the winning reply, kept until {@code keepUntil} unless null (no room to keep it). */
    synchronized void answer(String keptFrame, long keepUntil) {
        answered = true;
        keptReplyFrame = keptFrame;
        replyKeptUntil = keepUntil;
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
