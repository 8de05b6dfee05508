package dev.hiveauth.server.relay;

import java.time.Clock;

/**
 * How fast one connection may send (SPEC §1): {@code messagesPerSecond} sustained with bursts of
 * {@code messageBurst}; a connection that keeps going past it ({@code abuseBudget} refused frames, forgiven
 * at a tenth of that per second) is to be closed.
 *
 * <p>A wallet's replies are the exception. Each request forwarded to the connection earns it one reply
 * credit, and a reply that finds a credit takes no token: an approval must never be lost to the rate
 * limit, and a service wallet may approve hundreds of logins at once. This opens no flood: every credit
 * was paid for by a request that passed its APP's rate check, so a wallet can answer no faster than APPs
 * asked. The credits are capped besides, since a wallet that leaves requests unanswered would otherwise
 * pile them up for as long as its socket lives; the server never holds more requests than
 * {@code maxPendingTotal}, so no wallet can owe more replies than that at once.
 */
final class MessageRate {
    /** What to do with one incoming frame. */
    enum Verdict {
        /** Handle it. */
        ALLOW,
        /** Answer it with a rate-limit {@code error} only. */
        REFUSE,
        /** Close the connection with 1008: it keeps sending past its rate. */
        CLOSE
    }

    private final TokenBucket messages;
    private final TokenBucket abuse;
    private final int maxReplyCredits;
    private int replyCredits;

    MessageRate(Limits limits, Clock clock) {
        this.messages = new TokenBucket(limits.messagesPerSecond(), limits.messageBurst(), clock);
        this.abuse = new TokenBucket(limits.abuseBudget() / 10.0, limits.abuseBudget(), clock);
        this.maxReplyCredits = limits.maxPendingTotal();
    }

    /** A request was forwarded to this connection: it may answer it whatever its rate. */
    synchronized void requestForwarded() {
        if (replyCredits < maxReplyCredits) {
            replyCredits++;
        }
    }

    /** The verdict on one incoming frame; {@code reply} when it decoded to a wallet's reply. */
    synchronized Verdict admit(boolean reply) {
        if (reply && replyCredits > 0) {
            replyCredits--;
            return Verdict.ALLOW;
        }
        if (messages.tryTake()) {
            return Verdict.ALLOW;
        }
        return abuse.tryTake() ? Verdict.REFUSE : Verdict.CLOSE;
    }
}
