package dev.hiveauth.pksa;

import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.ChallengeReq;
import dev.hiveauth.protocol.message.Request;
import dev.hiveauth.protocol.message.SignReq;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the requests relays forward, on the wallet's thread: drops expired ones and those for accounts it does
 * not manage, hands each to its handler once, and sends the reply back to the relay it came from. Replies are
 * kept until their request expires: a relay forwards a pending request again when the wallet re-registers
 * after a reconnection, and it then gets the same answer (with a fresh proof of key) instead of being handled
 * twice — a second signature, or a nonce refused as a replay.
 */
final class RequestDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Wallet wallet;
    private final AuthHandler auth;
    private final SignHandler sign;
    private final ChallengeHandler challenge;
    private final Map<String, PendingReply> answered = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    RequestDispatcher(Wallet wallet, OutOfBandPayloads payloads) {
        this.wallet = wallet;
        this.auth = new AuthHandler(wallet, payloads);
        this.sign = new SignHandler(wallet);
        this.challenge = new ChallengeHandler(wallet);
    }

    void dispatch(RelayLink link, Request request) {
        long now = wallet.now();
        answered.values().removeIf(reply -> reply.expire() <= now);
        if (!request.isForwarded()) {
            LOG.debug("{} without uuid from {}: ignored", request.cmd(), link.uri());
            return;
        }
        if (!LogText.safe(request.uuid()).equals(request.uuid())) {
            // relays assign UUIDs; one with control characters or of any length is not worth answering
            LOG.debug("{} with an unusable uuid from {}: ignored", request.cmd(), link.uri());
            return;
        }
        if (!wallet.manages(request.account())) {
            LOG.debug("{} {} for {}: not an account of this wallet", request.cmd(), request.uuid(),
                    LogText.safe(request.account()));
            return;
        }
        if (request.expire() <= now) {
            wallet.ignore(request, "it expired " + (now - request.expire()) + " ms ago (is this wallet's clock right?)");
            return;
        }
        PendingReply already = answered.get(request.uuid());
        if (already != null) {
            LOG.info("{} {} forwarded again: sending the same answer", request.cmd(), request.uuid());
            send(link, already);
            return;
        }
        if (!inFlight.add(request.uuid())) {
            return; // forwarded again while still being decided
        }
        // debug: a busy service wallet answers thousands; the outcome (approved, refused, ignored and why) is at INFO
        LOG.debug("{} {} for {} received", request.cmd(), request.uuid(), request.account());
        CompletableFuture<Optional<PendingReply>> outcome;
        try {
            outcome = handle(link, request);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        BiConsumer<Optional<PendingReply>, Throwable> decided = (reply, error) -> {
            inFlight.remove(request.uuid());
            if (error != null) {
                // A bug of ours: no answer is better than a wrong one; the APP times out.
                LOG.error("{} {} for {} failed", request.cmd(), request.uuid(), request.account(), error);
                return;
            }
            reply.ifPresent(answer -> {
                answered.put(answer.uuid(), answer);
                send(link, answer);
            });
        };
        if (outcome.isDone()) {
            // Decided at once (e.g. parked for its payload): done now, so that the payload accepted by the very next
            // task finds the request no longer "being decided" and can answer it.
            outcome.whenComplete(decided);
        } else {
            outcome.whenCompleteAsync(decided, wallet.thread());
        }
    }

    private static void send(RelayLink link, PendingReply answer) {
        if (link.send(answer)) {
            answer.onSent().run();
        }
    }

    private CompletableFuture<Optional<PendingReply>> handle(RelayLink link, Request request) {
        if (request instanceof AuthReq authReq) {
            return auth.handle(link, authReq);
        } else if (request instanceof SignReq signReq) {
            return sign.handle(signReq);
        } else {
            return challenge.handle((ChallengeReq) request);
        }
    }
}
