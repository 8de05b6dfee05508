package dev.hiveauth.app;

import dev.hiveauth.app.ReplyReader.Verdict;
import dev.hiveauth.protocol.message.AuthWait;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.Wait;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches what the HAS sends to this client's requests. The protocol gives requests no id of their own: the
 * HAS answers each request with its {@code *_wait} (or an {@code error}) in the order the requests arrived,
 * so answers are matched by order first, then replies by the uuid the wait gave. Not thread-safe: the
 * client calls it under its lock.
 */
final class RequestTracker {
    private static final Logger LOG = LoggerFactory.getLogger(RequestTracker.class);

    private final CallbackQueue callbacks;
    private final List<PendingRequest<?>> queued = new ArrayList<>();
    private final Deque<PendingRequest<?>> sent = new ArrayDeque<>();
    private final Map<String, PendingRequest<?>> waiting = new LinkedHashMap<>();

    RequestTracker(CallbackQueue callbacks) {
        this.callbacks = callbacks;
    }

    /** Holds a request until there is a connection to send it on. */
    void queue(PendingRequest<?> request, long deadline) {
        request.queued(deadline);
        queued.add(request);
    }

    /** The queued requests, in order, now handed over for sending. */
    List<PendingRequest<?>> takeQueued() {
        List<PendingRequest<?>> taken = List.copyOf(queued);
        queued.clear();
        return taken;
    }

    /** The request went out on the socket: its first answer will be a {@code *_wait} or an {@code error}. */
    void sent(PendingRequest<?> request, long deadline) {
        request.queued(deadline);
        request.sent();
        sent.add(request);
    }

    void onWait(Wait wait, long now) {
        PendingRequest<?> oldest = sent.peek();
        if (oldest == null) {
            LOG.debug("ignored {} {}: no request waits for one", wait.cmd(), wait.uuid());
            return;
        }
        // A wait of another family, or an auth_wait for another account, cannot answer the oldest request: a
        // HAS that answers out of order would otherwise pair a uuid with the wrong request. The oldest one
        // keeps waiting and expires on its own deadline if its wait never comes.
        if (oldest.family() != wait.family()
                || wait instanceof AuthWait authWait && !authWait.account().equals(oldest.account())) {
            LOG.warn("ignored {} {}: the oldest request waiting for an answer is {}", wait.cmd(), wait.uuid(), oldest);
            return;
        }
        if (waiting.containsKey(wait.uuid())) {
            LOG.warn("ignored {} {}: that uuid is already taken by another request", wait.cmd(), wait.uuid());
            return;
        }
        sent.poll();
        oldest.waiting(wait, wait.expire() <= now, callbacks);
        if (wait.expire() <= now) {
            expired(oldest, now);
            return;
        }
        waiting.put(wait.uuid(), oldest);
        LOG.debug("{} waits until {}", oldest, wait.expire());
    }

    /**
     * An {@code error} about a request this client knows by uuid ends that request; any other error is the
     * HAS refusing the oldest request still waiting for its {@code *_wait} (the order rule).
     */
    void onError(ErrorMessage error) {
        PendingRequest<?> known = error.uuid() == null ? null : waiting.remove(error.uuid());
        PendingRequest<?> refused = known != null ? known : sent.poll();
        if (refused == null) {
            LOG.debug("ignored an error from the HAS that concerns no pending request: {}", error.error());
            return;
        }
        LOG.debug("{} refused by the HAS: {}", refused, error.error());
        refused.fail(new ServerErrorException(error.error(), refused.uuid()), callbacks);
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
            request.fail(verdict.failure(), callbacks);
        } else {
            LOG.debug("{} approved", request);
            request.approve(verdict.result(), callbacks);
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
        request.fail(new RequestLostException("the HAS no longer knows request " + uuid
                + " (attach_nack): it expired or its answer was dropped while the client was disconnected", uuid),
                callbacks);
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
    void connectionLost() {
        PendingRequest<?> request;
        while ((request = sent.poll()) != null) {
            request.fail(new RequestLostException("the connection to the HAS dropped before it acknowledged "
                    + request.family().cmd("req") + " for " + request.account(), null), callbacks);
        }
    }

    /** Ends every request whose deadline has come. */
    void expire(long now) {
        failDue(queued, now);
        failDue(sent, now);
        List<PendingRequest<?>> due = new ArrayList<>();
        for (PendingRequest<?> request : waiting.values()) {
            if (request.deadline() <= now) {
                due.add(request);
            }
        }
        for (PendingRequest<?> request : due) {
            waiting.remove(request.uuid());
            expired(request, now);
        }
    }

    private void failDue(java.util.Collection<PendingRequest<?>> requests, long now) {
        var iterator = requests.iterator();
        while (iterator.hasNext()) {
            PendingRequest<?> request = iterator.next();
            if (request.deadline() <= now) {
                iterator.remove();
                expired(request, now);
            }
        }
    }

    private void expired(PendingRequest<?> request, long now) {
        String what = request.family().cmd("req") + " for " + request.account();
        HasException failure;
        switch (request.stage()) {
            case QUEUED:
                failure = new ConnectionFailedException("could not reach the HAS to send " + what
                        + " before its deadline", null);
                break;
            case SENT:
                failure = new RequestExpiredException("the HAS did not acknowledge " + what + " in time", null);
                break;
            default:
                failure = new RequestExpiredException(what + " (" + request.uuid() + ") expired at "
                        + request.deadline() + " without an answer", request.uuid());
                break;
        }
        LOG.debug("{} expired", request);
        request.fail(failure, callbacks);
    }

    /** Requests still queued fail with {@code failure} (the connection they waited for could not be made). */
    void failQueued(HasException failure) {
        for (PendingRequest<?> request : takeQueued()) {
            request.fail(failure, callbacks);
        }
    }

    void failAll(HasException failure) {
        failQueued(failure);
        connectionLostWith(failure);
        for (PendingRequest<?> request : waiting.values()) {
            request.fail(failure, callbacks);
        }
        waiting.clear();
    }

    private void connectionLostWith(HasException failure) {
        PendingRequest<?> request;
        while ((request = sent.poll()) != null) {
            request.fail(failure, callbacks);
        }
    }

    /** True while some request needs a connection: queued, or waiting for a reply to attach to. */
    boolean needsConnection() {
        return !queued.isEmpty() || !waiting.isEmpty();
    }

    boolean isEmpty() {
        return queued.isEmpty() && sent.isEmpty() && waiting.isEmpty();
    }
}
