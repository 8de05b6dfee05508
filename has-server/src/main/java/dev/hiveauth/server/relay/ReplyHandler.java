package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.crypto.ProofOfKeyException;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.AuthNack;
import dev.hiveauth.protocol.message.ChallengeAck;
import dev.hiveauth.protocol.message.ChallengeNack;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.SignAck;
import dev.hiveauth.protocol.message.SignNack;
import dev.hiveauth.server.observe.RelayMetrics;
import dev.hiveauth.server.observe.RelayMetrics.Outcome;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PKSA replies (SPEC §7). A reply is accepted only if its uuid names a live request of the same family, the
 * replying connection registered the request's account, and its proof of key is one of the account's keys
 * over the uuid. Without a pok: refused in strict mode; in compat mode (Hive Keychain Mobile sends none)
 * the verified registration stands in for it. The first accepted reply wins; it is relayed without the pok
 * and kept one timeout period for attach. Every refusal is an {@code error} to the PKSA, never relayed.
 */
final class ReplyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyHandler.class);

    private final RelayState state;
    private final AccountKeys accountKeys;
    private final ProofOfKey.Verifier verifier;
    private final Clock clock;
    private final long timeoutMillis;
    private final boolean strictPok;
    private final RelayMetrics metrics;
    private final Backlog backlog;
    private final RequestRouter router;

    ReplyHandler(RelayState state, AccountKeys accountKeys, ProofOfKey.Verifier verifier, Clock clock,
                 long timeoutMillis, boolean strictPok, RelayMetrics metrics, Backlog backlog, RequestRouter router) {
        this.state = state;
        this.accountKeys = accountKeys;
        this.verifier = verifier;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        this.strictPok = strictPok;
        this.metrics = metrics;
        this.backlog = backlog;
        this.router = router;
    }

    void reply(Peer pksa, Reply reply, long receivedNanos) {
        String uuid = reply.uuid();
        PendingRequest pending = state.request(uuid);
        if (pending == null || !pending.isLive(clock.millis())) {
            pksa.send(new ErrorMessage(reply.cmd() + ": unknown or expired request", uuid));
            return;
        }
        if (pending.family() != reply.family()) {
            pksa.send(new ErrorMessage(reply.cmd() + ": request " + uuid + " is a " + pending.family().cmd("req")
                    + ", not a " + reply.family().cmd("req"), uuid));
            return;
        }
        if (!state.isRegistered(pending.account(), pksa.connection())) {
            pksa.send(new ErrorMessage(reply.cmd() + ": this connection has not registered " + pending.account(), uuid));
            return;
        }
        if (pending.isAnswered()) {
            pksa.send(new ErrorMessage(reply.cmd() + ": request already answered", uuid));
            return;
        }
        if (reply.pok() == null) {
            if (strictPok) {
                metrics.pokFailure("reply");
                pksa.send(new ErrorMessage(reply.cmd() + ": \"pok\" is required", uuid));
            } else {
                accept(pksa, pending, reply, receivedNanos);
            }
            return;
        }
        accountKeys.lookup(Set.of(pending.account())).whenComplete((keysByAccount, failure) -> {
            Set<PublicKey> keys = failure == null ? keysByAccount.get(pending.account()) : null;
            if (keys == null) {
                pksa.log().warn(LOG, "cannot look up {} to check a pok: {}", pending.account(),
                        failure == null ? "no such account" : failure.toString());
                pksa.send(new ErrorMessage(reply.cmd() + ": cannot check the pok against " + pending.account()
                        + "'s keys now", uuid));
                return;
            }
            try {
                verifier.verifyReply(reply.pok(), uuid, keys);
            } catch (ProofOfKeyException e) {
                metrics.pokFailure("reply");
                pksa.log().info(LOG, "{} for {} refused: {}", reply.cmd(), Shown.name(uuid), e.getMessage());
                pksa.send(new ErrorMessage(reply.cmd() + ": " + e.getMessage(), uuid));
                return;
            }
            accept(pksa, pending, reply, receivedNanos);
        });
    }

    private void accept(Peer pksa, PendingRequest pending, Reply reply, long receivedNanos) {
        String frame = MessageCodec.encode(reply.relayed());
        // Kept for attach only while memory allows; relayed to a connected APP either way, so no answer is lost.
        boolean kept = backlog.keep(frame.length());
        synchronized (pending) {
            long now = clock.millis();
            if (!pending.answer(kept ? frame : null, now, now + timeoutMillis)) {
                if (kept) {
                    backlog.unkeep(frame.length());
                }
                pksa.send(new ErrorMessage(reply.cmd() + (pending.isAnswered() ? ": request already answered"
                        : ": unknown or expired request"), reply.uuid()));
                return;
            }
            // counted before it leaves: whoever sees the answer arrive sees it counted
            metrics.request(pending.family().prefix(), outcome(reply));
            pending.app().send(frame);
        }
        state.answered(pending);
        router.stoppedWaiting(pending);
        metrics.relayed(receivedNanos);
        if (LOG.isDebugEnabled()) { // the uuid is already checked, but shown safely all the same: not per reply for nothing
            LOG.debug("{}: {} for {} relayed", pksa.id(), reply.cmd(), Shown.name(reply.uuid()));
        }
    }

    private static Outcome outcome(Reply reply) {
        if (reply instanceof AuthAck || reply instanceof SignAck || reply instanceof ChallengeAck) {
            return Outcome.APPROVED;
        }
        if (reply instanceof AuthNack || reply instanceof SignNack || reply instanceof ChallengeNack) {
            return Outcome.REFUSED;
        }
        return Outcome.FAILED; // AuthErr, SignErr, ChallengeErr
    }
}
