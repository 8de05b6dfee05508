package dev.hiveauth.pksa;

import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.AuthErr;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.payload.AuthAckData;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.ChallengeAckData;
import dev.hiveauth.protocol.payload.PayloadException;
import dev.hiveauth.protocol.payload.ServiceAuthKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auth_req}: finds the {@code auth_key} (service-mode secret, a stored authentication, or a payload the
 * user accepted out of band), decides, and answers {@code auth_ack} (with the signed challenge when one was
 * asked), a nack, an {@code auth_err}, or nothing when no key opens the request (another wallet may hold it).
 */
final class AuthHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);
    /** The reference PKSA's text; auth_err travels in plain text (hive-auth-wrapper does not decrypt it). */
    static final String FAILED = "Failed to process authentication request";

    private final Wallet wallet;
    private final OutOfBandPayloads payloads;

    AuthHandler(Wallet wallet, OutOfBandPayloads payloads) {
        this.wallet = wallet;
        this.payloads = payloads;
    }

    /** Where the auth_key came from. */
    private enum Source { SERVICE_SECRET, STORED, PAYLOAD }

    /** The key that opened the request and what it opened. */
    private record Opened(String authKey, Source source, AuthReqData data, PayloadException problem,
                          OutOfBandPayloads.Accepted payload) {
    }

    CompletableFuture<Optional<PendingReply>> handle(RelayLink link, AuthReq request) {
        long now = wallet.now();
        Optional<Opened> opened = open(request, now);
        if (opened.isEmpty()) {
            wallet.ignore(request, whyUnopened(request));
            payloads.park(link, request, now);
            return none();
        }
        Opened found = opened.get();
        if (found.problem() != null) {
            LOG.info("auth_req {} for {}: invalid auth_req_data, answered with auth_err", request.uuid(),
                    request.account());
            LOG.debug("auth_req {}: {}", request.uuid(), found.problem().getMessage());
            failPayload(found, new PayloadMismatchException("the request's auth_req_data is invalid: "
                    + found.problem().getMessage()));
            return done(error(request));
        }
        return decide(request, found, now);
    }

    private Optional<Opened> open(AuthReq request, long now) {
        if (request.authKey() != null && wallet.serviceSecret() != null) {
            Optional<String> key = ServiceAuthKey.unwrap(request.authKey(), wallet.serviceSecret());
            if (key.isPresent() && !key.get().isEmpty()) {
                Optional<Opened> opened = tryKey(request, key.get(), Source.SERVICE_SECRET, null);
                if (opened.isPresent()) {
                    return opened;
                }
            }
        }
        for (Auth auth : wallet.auths().auths(request.account())) {
            if (auth.isValidAt(now)) {
                Optional<Opened> opened = tryKey(request, auth.key(), Source.STORED, null);
                if (opened.isPresent()) {
                    return opened;
                }
            }
        }
        Optional<OutOfBandPayloads.Accepted> accepted = payloads.claim(request);
        if (accepted.isPresent()) {
            Optional<Opened> opened = tryKey(request, accepted.get().payload().key(), Source.PAYLOAD, accepted.get());
            if (opened.isEmpty()) {
                accepted.get().outcome().completeExceptionally(new PayloadMismatchException(
                        "the request " + request.uuid() + " does not open with the payload's key"));
            }
            return opened;
        }
        return Optional.empty();
    }

    /** What a user of the wallet needs to know when no key opens an auth_req: usually a secret or a QR code missing. */
    private String whyUnopened(AuthReq request) {
        if (request.authKey() != null) {
            if (wallet.serviceSecret() == null) {
                return "it carries a service-mode auth_key, but this wallet has no service secret (auth_req_secret)";
            }
            Optional<String> key = ServiceAuthKey.unwrap(request.authKey(), wallet.serviceSecret());
            if (key.isEmpty() || key.get().isEmpty()) {
                return "its auth_key does not open with this wallet's service secret: the application's auth_key_secret "
                        + "is another one";
            }
            return "its auth_key opens with the service secret, but its data does not decrypt with that key";
        }
        return "no stored authentication of " + request.account() + " opens it and no has:// payload of it was "
                + "accepted (it is answered if its payload is accepted before it expires)";
    }

    private static Optional<Opened> tryKey(AuthReq request, String key, Source source,
                                           OutOfBandPayloads.Accepted payload) {
        try {
            return AuthReqData.decrypt(request.data(), key).map(data -> new Opened(key, source, data, null, payload));
        } catch (PayloadException e) {
            return Optional.of(new Opened(key, source, null, e, payload));
        }
    }

    private CompletableFuture<Optional<PendingReply>> decide(AuthReq request, Opened found, long now) {
        String account = request.account();
        AuthReqData data = found.data();
        Auth stillValid = wallet.auths().auths(account).stream()
                .filter(auth -> auth.key().equals(found.authKey()) && auth.isValidAt(now))
                .findFirst().orElse(null);
        long authExpire = stillValid != null ? stillValid.expire() : now + wallet.authDuration().toMillis();
        AuthReqData.Challenge challenge = data.challenge();
        Optional<PrivateKey> challengeKey = challenge == null ? Optional.empty()
                : wallet.keys().key(account, challenge.keyType());
        CompletableFuture<Decision> decision;
        if (challenge != null && challengeKey.isEmpty()) {
            // Say nothing of which keys this wallet holds: abstain like for any other unapproved request.
            wallet.ignore(request, "its challenge needs the " + challenge.keyType().jsonName()
                    + " key, which this wallet does not hold");
            decision = CompletableFuture.completedFuture(Decision.ABSTAIN);
        } else if (stillValid != null || found.source() == Source.PAYLOAD) {
            // The application already holds a valid authentication, or the user accepted its payload: approved.
            decision = CompletableFuture.completedFuture(Decision.APPROVE);
        } else {
            decision = Decisions.ask(wallet, new AuthApproval(account, data.app(),
                    challenge == null ? null : challenge.keyType(), challenge == null ? null : challenge.challenge(),
                    authExpire, request.expire()));
        }
        return decision.thenApplyAsync(
                answer -> answer(request, found, stillValid, authExpire, challengeKey, answer), wallet.thread());
    }

    private Optional<PendingReply> answer(AuthReq request, Opened found, Auth stillValid, long authExpire,
                                          Optional<PrivateKey> challengeKey, Decision decision) {
        if (wallet.now() >= request.expire()) {
            wallet.ignore(request, "decided after it expired");
            failPayload(found, new PayloadExpiredException("the request " + request.uuid() + " expired before it was decided"));
            return Optional.empty();
        }
        if (decision != Decision.APPROVE) {
            failPayload(found, new ApprovalRefusedException("the authentication of " + request.account() + " by "
                    + LogText.safe(found.data().app().name()) + " was not approved"));
            return Refusals.refuse(wallet, decision, request, found.authKey(),
                    "not approved for " + LogText.safe(found.data().app().name()));
        }
        try {
            ChallengeAckData signed = null;
            if (found.data().challenge() != null) {
                PrivateKey key = challengeKey.orElseThrow();
                signed = new ChallengeAckData(key.publicKey().toString(), key.sign(found.data().challenge()
                        .challenge()).toHex());
            }
            Auth auth = stillValid != null ? stillValid
                    : new Auth(request.account(), found.authKey(), found.data().app().name(), authExpire, null);
            if (stillValid == null) {
                wallet.auths().add(auth); // durable before the APP hears of it
            }
            wallet.auths().removeExpired(wallet.now());
            String data = new AuthAckData(authExpire, signed, null).encrypt(found.authKey());
            String uuid = request.uuid();
            LOG.info("auth_req {} for {} from {}: approved until {}", uuid, request.account(),
                    LogText.safe(found.data().app().name()), java.time.Instant.ofEpochMilli(authExpire));
            PendingReply reply = new PendingReply(request.account(), uuid, request.expire(), pok -> new AuthAck(uuid, data, pok));
            // the user who accepted the payload hears of it once the answer is on its way, not before
            return Optional.of(found.payload() == null ? reply : reply.whenSent(() -> found.payload().outcome().complete(auth)));
        } catch (RuntimeException e) {
            LOG.warn("auth_req {} for {}: {}", request.uuid(), request.account(), e.toString());
            failPayload(found, new PayloadMismatchException(FAILED + ": " + e.getMessage()));
            return Optional.of(error(request));
        }
    }

    private static PendingReply error(AuthReq request) {
        String uuid = request.uuid();
        return new PendingReply(request.account(), uuid, request.expire(), pok -> new AuthErr(uuid, FAILED, pok));
    }

    private static void failPayload(Opened found, PksaException why) {
        if (found.payload() != null) {
            found.payload().outcome().completeExceptionally(why);
        }
    }

    private static CompletableFuture<Optional<PendingReply>> none() {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    private static CompletableFuture<Optional<PendingReply>> done(PendingReply reply) {
        return CompletableFuture.completedFuture(Optional.of(reply));
    }
}
