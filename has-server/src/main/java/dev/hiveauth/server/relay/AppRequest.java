package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.message.Family;

/**
 * A request as the node of the APP waiting for it sees it: which connection gets the reply, after which answer in its
 * {@link Outbox}, and the origin's counts to give back once it stops waiting. The request itself is in the
 * {@link RequestStore}; this entry lives on the node until the reply comes or the request expires.
 */
final class AppRequest {
    private final String uuid;
    private final Family family;
    private final long expire;
    /** The connection that sent the request, whose limits it counts against; null for one only attached here. */
    private final Peer origin;
    private final long bytes;
    private Peer app;
    private Outbox.Slot answerSlot;
    private boolean done;

    AppRequest(String uuid, Family family, long expire, Peer origin, long bytes, Peer app, Outbox.Slot answerSlot) {
        this.uuid = uuid;
        this.family = family;
        this.expire = expire;
        this.origin = origin;
        this.bytes = bytes;
        this.app = app;
        this.answerSlot = answerSlot;
    }

    String uuid() {
        return uuid;
    }

    /** The family, or null for a request only attached here (the attach does not say). */
    Family family() {
        return family;
    }

    long expire() {
        return expire;
    }

    Peer origin() {
        return origin;
    }

    long bytes() {
        return bytes;
    }

    synchronized Peer app() {
        return app;
    }

    /** Another connection of this node attached: the reply goes there, after its attach_ack. */
    synchronized void rebind(Peer connection, Outbox.Slot ackSlot) {
        app = connection;
        answerSlot = ackSlot;
    }

    /** Sends the reply to the bound connection, behind the answer it must follow. */
    synchronized void deliver(String replyFrame) {
        app.outbox().after(answerSlot, replyFrame);
    }

    /** True once, for the first caller: the request stops waiting exactly once (answered, expired or refused). */
    synchronized boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }

    synchronized boolean isDone() {
        return done;
    }
}
