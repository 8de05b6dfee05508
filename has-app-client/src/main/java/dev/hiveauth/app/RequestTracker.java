package dev.hiveauth.app;

import dev.hiveauth.app.ReplyReader.Verdict;
import dev.hiveauth.protocol.message.AuthWait;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.transport.SerialExecutor;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches what the HAS sends on one connection to the requests sent on it. The protocol gives requests no id of
 * their own: the HAS answers each request with its {@code *_wait} (or an {@code error}) in the order the requests
 * arrived, so answers are matched by order first, then replies by the uuid the wait gave. Every request that
 * ends here is reported to {@code ended}. Not thread-safe: the client calls it under its lock.
 */
final class RequestTracker {
    private static final Logger LOG = LoggerFactory.getLogger(RequestTracker.class);

    private final SerialExecutor callbacks;
    private final Consumer<PendingRequest<?>> ended;
    private final Deque<PendingRequest<?>> sent = new ArrayDeque<>();
    private final Map<String, PendingRequest<?>> waiting = new LinkedHashMap<>();

    RequestTracker(SerialExecutor callbacks, Consumer<PendingRequest<?>> ended) {
        this.callbacks = callbacks;
        this.ended = ended;
    }

    /** The request went out on the socket: its first answer will be a {@code *_wait} or an {@code error}. */
    void sent(PendingRequest<?> request, long deadline) {
        request.sent(deadline);
        sent.add(request);
    }

    /** Requests sent and not yet answered by their wallet: what the relay holds for this connection. */
    int inFlight() {
        return sent.size() + waiting.size();
    }

    int waitingCount() {
        return waiting.size();
    }

    /** True when a {@code *_wait} came for a request (the relay took it). */
    boolean onWait(Wait wait, long now) {
        PendingRequest<?> oldest = sent.peek();
        if (oldest == null) {
            LOG.debug("ignored {} {}: no request waits for one", wait.cmd(), wait.uuid());
            return false;
        }
        // A wait of another family, or an auth_wait for another account, cannot answer the oldest request: a
        // HAS that answers out of order would otherwise pair a uuid with the wrong request. The oldest one
        // keeps waiting and expires on its own deadline if its wait never comes.
        if (oldest.family() != wait.family()
                || wait instanceof AuthWait authWait && !authWait.account().equals(oldest.account())) {
            LOG.warn("ignored {} {}: the oldest request waiting for an answer is {}", wait.cmd(), wait.uuid(), oldest);
            return false;
        }
        if (waiting.containsKey(wait.uuid())) {
            LOG.warn("ignored {} {}: that uuid is already taken by another request", wait.cmd(), wait.uuid());
            return false;
        }
        sent.poll();
        boolean expired = wait.expire() <= now;
        oldest.waiting(wait, expired, callbacks);
        if (expired) {
            expired(oldest);
            return true;
        }
        waiting.put(wait.uuid(), oldest);
        LOG.debug("{} waits until {}", oldest, wait.expire());
        return true;
    }

    /**
     * An {@code error} about a request this client knows by uuid concerns that request; any other error is the HAS
     * refusing the oldest request still waiting for its {@code *_wait} (the order rule). Returns that request, no
     * longer tracked here and not yet ended (the caller decides: fail it, or send it again), or null.
     */
    PendingRequest<?> onError(ErrorMessage error) {
        PendingRequest<?> known = error.uuid() == null ? null : waiting.remove(error.uuid());
        PendingRequest<?> refused = known != null ? known : sent.poll();
        if (refused == null) {
            LOG.debug("ignored an error from the HAS that concerns no pending request: {}", error.error());
        }
        return refused;
    }

    void onReply(Reply reply) {
        PendingRequest<?> request = waiting.get(reply.uuid());
        if (request == null) {
            // Late (after expiry), for another client, or forged: the protocol says to discard it.
            LOG.debug("ignored {} for {}: no such pending request", reply.cmd(), reply.uuid());
            return;
        }
        settle(request, reply);
    }

    private <T> void settle(PendingRequest<T> request, Reply reply) {
        Verdict<T> verdict = request.reader().read(reply);
        if (verdict.isIgnored()) {
            LOG.debug("ignored {} for {}: {}", reply.cmd(), request, verdict.ignoredBecause());
            return;
        }
        waiting.remove(request.uuid());
        if (verdict.failure() != null) {
            LOG.debug("{} ended by {}", request, reply.cmd());
            end(request, verdict.failure());
        } else {
            LOG.debug("{} approved", request);
            request.approve(verdict.result(), callbacks);
            ended.accept(request);
        }
    }

    void onAttachAck(String uuid) {
        PendingRequest<?> request = waiting.get(uuid);
        if (request != null && request.isAttaching()) {
            request.attaching(false);
            LOG.debug("{} re-attached", request);
        }
    }

    /** Only for a request this client asked to attach: an unsolicited attach_nack proves nothing. */
    void onAttachNack(String uuid) {
        PendingRequest<?> request = waiting.get(uuid);
        if (request == null || !request.isAttaching()) {
            LOG.debug("ignored attach_nack for {}: no attach was asked for it", uuid);
            return;
        }
        waiting.remove(uuid);
        end(request, new RequestLostException("the HAS no longer knows request " + uuid
                + " (attach_nack): it expired or its answer was dropped while the client was disconnected", uuid));
    }

    /** After a reconnect: the uuids to re-attach, each now marked as attaching. */
    List<String> reattach() {
        List<String> uuids = new ArrayList<>();
        for (PendingRequest<?> request : waiting.values()) {
            request.attaching(true);
            uuids.add(request.uuid());
        }
        return uuids;
    }

    /**
     * The socket closed. Requests known by uuid survive (they will be re-attached); requests still waiting
     * for their {@code *_wait} are lost: the HAS may have taken them, but only the wait would have said under
     * which uuid. They are not sent again, since the wallet may already be showing them.
     */
    void connectionLost(String reason) {
        PendingRequest<?> request;
        while ((request = sent.poll()) != null) {
            end(request, new RequestLostException("the connection to the HAS dropped (" + reason
                    + ") before it acknowledged " + request.what(), null));
        }
        waiting.values().forEach(PendingRequest::dropped);
    }

    /** Ends every request whose deadline has come. */
    void expire(long now) {
        while (!sent.isEmpty() && sent.peek().deadline() <= now) {
            expired(sent.poll());
        }
        List<PendingRequest<?>> due = new ArrayList<>();
        for (PendingRequest<?> request : waiting.values()) {
            if (request.deadline() <= now) {
                due.add(request);
            }
        }
        for (PendingRequest<?> request : due) {
            waiting.remove(request.uuid());
            expired(request);
        }
    }

    private void expired(PendingRequest<?> request) {
        HasException failure;
        if (request.stage() == PendingRequest.Stage.SENT) {
            failure = new RequestExpiredException("the HAS did not acknowledge " + request.what() + " in time", null);
        } else {
            String drops = request.drops() == 0 ? ""
                    : " The connection to the relay dropped " + (request.drops() == 1 ? "once" : request.drops() + " times")
                    + " while it waited (it was re-attached each time).";
            failure = new RequestExpiredException(request.what() + " (" + request.uuid() + ") got no answer before it "
                    + "expired at " + Instant.ofEpochMilli(request.deadline()) + ". " + request.unansweredHint() + drops,
                    request.uuid());
        }
        LOG.debug("{} expired", request);
        end(request, failure);
    }

    void failAll(HasException failure) {
        PendingRequest<?> request;
        while ((request = sent.poll()) != null) {
            end(request, failure);
        }
        for (PendingRequest<?> waited : waiting.values()) {
            end(waited, failure);
        }
        waiting.clear();
    }

    private void end(PendingRequest<?> request, HasException failure) {
        request.fail(failure, callbacks);
        ended.accept(request);
    }

    /** True while some request waits for a reply to attach to after a reconnect. */
    boolean hasWaiting() {
        return !waiting.isEmpty();
    }
}
