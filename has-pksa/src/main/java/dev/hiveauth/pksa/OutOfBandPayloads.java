package dev.hiveauth.pksa;

import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.payload.AuthPayload;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The QR-code flow's two halves, which may arrive in either order (SPEC §10, out-of-band payload): payloads the
 * user accepted, waiting for the relay to forward their {@code auth_req}; and {@code auth_req}s no key opened,
 * kept until they expire in case their payload comes. Used on the wallet's thread only.
 */
final class OutOfBandPayloads {
    /** A flood of requests nobody can open must not grow memory without bound. */
    private static final int MAX_PARKED = 1_000;

    /** A payload the user accepted, and the caller waiting for the outcome. */
    record Accepted(AuthPayload payload, CompletableFuture<Auth> outcome) {
    }

    /** A request no key opened, and the relay it came from. */
    record Parked(RelayLink link, AuthReq request) {
    }

    private final Map<String, Accepted> accepted = new LinkedHashMap<>();
    private final Map<String, Parked> parked = new LinkedHashMap<>();

    /** Keeps an accepted payload until its request comes (or {@link #expire} gives up on it). */
    void accept(AuthPayload payload, CompletableFuture<Auth> outcome) {
        Accepted previous = accepted.put(payload.uuid(), new Accepted(payload, outcome));
        if (previous != null && previous.outcome() != outcome) {
            previous.outcome().completeExceptionally(new PayloadMismatchException("the same payload was accepted again"));
        }
    }

    /** The accepted payload for this request, removed: it serves one request. */
    Optional<Accepted> claim(AuthReq request) {
        Accepted found = accepted.get(request.uuid());
        if (found == null || !found.payload().account().equals(request.account())) {
            return Optional.empty();
        }
        accepted.remove(request.uuid());
        return Optional.of(found);
    }

    /** Gives up waiting for a payload's request. */
    void expire(String uuid, String why) {
        Accepted gone = accepted.remove(uuid);
        if (gone != null) {
            gone.outcome().completeExceptionally(new PayloadExpiredException(why));
        }
    }

    /** Keeps a request no key opened until it expires at {@code nowMillis}. */
    void park(RelayLink link, AuthReq request, long nowMillis) {
        parked.values().removeIf(waiting -> waiting.request().expire() <= nowMillis);
        if (parked.size() >= MAX_PARKED) {
            Iterator<String> oldest = parked.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        parked.put(request.uuid(), new Parked(link, request));
    }

    /** The parked request with this uuid, removed, if it has not expired. */
    Optional<Parked> unpark(String uuid, long nowMillis) {
        Parked found = parked.remove(uuid);
        if (found == null || found.request().expire() <= nowMillis) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** Fails every waiting payload (the wallet is closing). */
    void abandonAll(String why) {
        accepted.values().forEach(waiting -> waiting.outcome().completeExceptionally(new WalletClosedException(why)));
        accepted.clear();
        parked.clear();
    }
}
