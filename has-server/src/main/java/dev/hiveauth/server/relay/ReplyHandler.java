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
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PKSA replies (SPEC §7). A reply is accepted only if its uuid names a live request of the same family, the
 * replying connection registered the request's account, and its proof of key is one of the account's keys
 * over the uuid. Without a pok: refused in strict mode; in compat mode (Hive Keychain Mobile sends none)
 * the verified registration stands in for it. The first accepted reply wins; it is relayed without the pok
 * and kept one timeout period for attach — the store decides which reply was first, across every node sharing it.
 * Every refusal is an {@code error} to the PKSA, never relayed.
 */
final class ReplyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyHandler.class);

    private final RequestStore store;
    private final Registrations registrations;
    private final AccountKeys accountKeys;
    private final ProofOfKey.Verifier verifier;
    private final Clock clock;
    private final long timeoutMillis;
    private final boolean strictPok;
    private final RelayMetrics metrics;

    ReplyHandler(RequestStore store, Registrations registrations, AccountKeys accountKeys, ProofOfKey.Verifier verifier,
                 Clock clock, long timeoutMillis, boolean strictPok, RelayMetrics metrics) {
        this.store = store;
        this.registrations = registrations;
        this.accountKeys = accountKeys;
        this.verifier = verifier;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        this.strictPok = strictPok;
        this.metrics = metrics;
    }

    void reply(Peer pksa, Reply reply, long receivedNanos) {
        store.facts(reply.uuid()).whenComplete((facts, failure) -> {
            if (failure != null) {
                storeUnavailable(pksa, reply, failure);
            } else {
                check(pksa, reply, facts, receivedNanos);
            }
        });
    }

    private void check(Peer pksa, Reply reply, RequestStore.RequestFacts facts, long receivedNanos) {
        String uuid = reply.uuid();
        if (facts == null || !facts.isLive(clock.millis())) {
            pksa.send(new ErrorMessage(reply.cmd() + ": unknown or expired request", uuid));
            return;
        }
        if (facts.family() != reply.family()) {
            pksa.send(new ErrorMessage(reply.cmd() + ": request " + uuid + " is a " + facts.family().cmd("req")
                    + ", not a " + reply.family().cmd("req"), uuid));
            return;
        }
        String account = facts.account();
        if (!registrations.isRegistered(account, pksa.connection())) {
            pksa.send(new ErrorMessage(reply.cmd() + ": this connection has not registered " + account, uuid));
            return;
        }
        if (facts.answered()) {
            pksa.send(new ErrorMessage(reply.cmd() + ": request already answered", uuid));
            return;
        }
        if (reply.pok() == null) {
            if (strictPok) {
                metrics.pokFailure("reply");
                pksa.send(new ErrorMessage(reply.cmd() + ": \"pok\" is required", uuid));
            } else {
                claim(pksa, reply, account, receivedNanos);
            }
            return;
        }
        accountKeys.lookup(Set.of(account)).whenComplete((keysByAccount, failure) -> {
            Set<PublicKey> keys = failure == null ? keysByAccount.get(account) : null;
            if (keys == null) {
                pksa.log().warn(LOG, "cannot look up {} to check a pok: {}", account,
                        failure == null ? "no such account" : failure.toString());
                pksa.send(new ErrorMessage(reply.cmd() + ": cannot check the pok against " + account
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
            claim(pksa, reply, account, receivedNanos);
        });
    }

    /** The checks passed: the store decides whether this reply is the first, and if so it goes to the APP. */
    private void claim(Peer pksa, Reply reply, String account, long receivedNanos) {
        String frame = MessageCodec.encode(reply.relayed());
        long now = clock.millis();
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong());
        store.claim(reply.uuid(), account, reply.family(), frame, token, now, now + timeoutMillis)
                .whenComplete((claim, failure) -> {
                    if (failure != null) {
                        storeUnavailable(pksa, reply, failure);
                        return;
                    }
                    switch (claim.verdict()) {
                        case WON -> {
                            // counted before it leaves: whoever sees the answer arrive sees it counted
                            metrics.request(reply.family().prefix(), outcome(reply));
                            claim.delivery().run();
                            metrics.relayed(receivedNanos);
                            if (LOG.isDebugEnabled()) {
                                LOG.debug("{}: {} for {} relayed", pksa.id(), reply.cmd(), Shown.name(reply.uuid()));
                            }
                        }
                        case ALREADY_ANSWERED ->
                                pksa.send(new ErrorMessage(reply.cmd() + ": request already answered", reply.uuid()));
                        case EXPIRED ->
                                pksa.send(new ErrorMessage(reply.cmd() + ": unknown or expired request", reply.uuid()));
                        case WRONG_FAMILY -> pksa.send(new ErrorMessage(reply.cmd() + ": request " + reply.uuid()
                                + " is not a " + reply.family().cmd("req"), reply.uuid()));
                    }
                });
    }

    private static void storeUnavailable(Peer pksa, Reply reply, Throwable failure) {
        pksa.log().warn(LOG, "cannot record {}: {}", reply.cmd(), Stores.reason(failure));
        pksa.send(new ErrorMessage(reply.cmd() + ": " + StoreUnavailableException.PEER_MESSAGE, reply.uuid()));
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
