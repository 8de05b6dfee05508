package dev.hiveauth.app;

import dev.hiveauth.protocol.message.AttachAck;
import dev.hiveauth.protocol.message.AttachNack;
import dev.hiveauth.protocol.message.AttachReq;
import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.ProtocolException;
import dev.hiveauth.protocol.message.Reply;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.transport.RelaySocket;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the client's connections to the HAS, over a {@link RelaySocket}: reads {@code connected}, sends what the
 * {@link RequestScheduler} gives it at its {@link SendBudget}'s pace, hands what arrives to its
 * {@link RequestTracker}, and after a reconnect re-attaches every request still waiting ({@code attach_req},
 * SPEC §8). A request the relay refuses for a passing reason goes back to the queue. Everything runs under the
 * scheduler's lock; callbacks run after it is released.
 */
final class RelaySession implements RelaySocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);
    /** How often one request may be refused for rate or load before the refusal stands. */
    private static final int MAX_REFUSALS = 20;
    private static final long MAX_PAUSE_MILLIS = 10_000;

    private final RequestScheduler scheduler;
    private final RelaySocket socket;
    private final RequestTracker tracker;
    private final SendBudget budget;
    private final PriorityQueue<PendingRequest<?>> pinned = new PriorityQueue<>(RequestScheduler.BY_SEQUENCE);
    private final List<CompletableFuture<Connected>> connectWaiters = new ArrayList<>();
    private Connected greeting;
    private boolean lostSinceGreeting;
    private int refusalsInARow;
    private long pausedUntilMillis = Long.MIN_VALUE;
    private long idleSinceMillis;

    RelaySession(RequestScheduler scheduler, Function<RelaySocket.Listener, RelaySocket> sockets) {
        this.scheduler = scheduler;
        this.socket = sockets.apply(this);
        this.tracker = new RequestTracker(scheduler.callbacks(), scheduler::ended);
        this.budget = new SendBudget(scheduler.flow(), scheduler.timers());
        this.idleSinceMillis = scheduler.timers().nowMillis();
    }

    // ---- the socket's events (any thread) ----

    @Override
    public void opened() {
        LOG.debug("WebSocket to {} open, waiting for connected", socket.uri());
    }

    @Override
    public void received(String frame) {
        synchronized (scheduler.lock()) {
            HasMessage message;
            try {
                message = MessageCodec.decode(frame);
            } catch (ProtocolException e) {
                LOG.debug("ignored a frame from the HAS: {}", e.getMessage());
                return;
            }
            try {
                if (greeting == null) {
                    greeted(message);
                } else {
                    dispatch(message);
                }
                scheduler.pump();
            } catch (RuntimeException e) {
                // a bug of ours must cost this one frame, not the connection's reader
                LOG.warn("failed to handle {} from the HAS", message.cmd(), e);
            }
        }
        scheduler.callbacks().flush();
    }

    @Override
    public void lost(String reason, long retryInMillis) {
        synchronized (scheduler.lock()) {
            if (greeting == null) {
                // open, but the relay never said connected: as good as a failed attempt
                attemptFailed(reason);
                return;
            }
            greeting = null;
            lostSinceGreeting = true;
            tracker.connectionLost(reason);
            int waiting = tracker.waitingCount();
            if (waiting > 0) {
                LOG.info("connection to the HAS at {} lost ({}); {} request(s) wait for their wallet, reconnecting in {} ms",
                        socket.uri(), reason, waiting, retryInMillis);
                scheduler.callbacks().add(() -> scheduler.listener().connectionLost(socket.uri(), reason, waiting,
                        retryInMillis));
            } else {
                LOG.info("connection to the HAS at {} lost ({})", socket.uri(), reason);
            }
            if (!hasWork()) {
                socket.pause(); // reopened by the next request
            }
            scheduler.pump();
        }
        scheduler.callbacks().flush();
    }

    @Override
    public void failed(String reason, long retryInMillis) {
        synchronized (scheduler.lock()) {
            attemptFailed(reason);
        }
        scheduler.callbacks().flush();
    }

    // ---- under the scheduler's lock ----

    private void attemptFailed(String reason) {
        LOG.debug("connecting to {} failed: {}", socket.uri(), reason);
        ConnectionFailedException failure = new ConnectionFailedException(reason, null);
        failConnectWaiters(failure);
        if (!tracker.hasWaiting()) {
            // A connection for new requests: they fail with it rather than wait for their deadline. Requests
            // waiting for their wallet keep the socket trying (with backoff) until they expire.
            failPinned(failure);
            scheduler.connectionFailed(this, failure);
            if (!hasWork()) {
                socket.pause(); // reopened by the next request
            }
        }
    }

    private void greeted(HasMessage message) {
        if (!(message instanceof Connected hello)) {
            LOG.debug("ignored {} before connected", message.cmd());
            return;
        }
        if (hello.protocol().compareTo(Connected.PROTOCOL) > 0) {
            ProtocolMismatchException mismatch = new ProtocolMismatchException(hello.protocol(), Connected.PROTOCOL);
            LOG.warn("{}: {}", socket.uri(), mismatch.getMessage());
            scheduler.declined(this, mismatch);
            return;
        }
        socket.established();
        greeting = hello;
        refusalsInARow = 0;
        scheduler.greeted(hello);
        for (CompletableFuture<Connected> waiter : connectWaiters) {
            scheduler.callbacks().add(() -> waiter.complete(hello));
        }
        connectWaiters.clear();
        LOG.debug("connected to the HAS at {} (protocol {}, timeout {} s)", socket.uri(), hello.protocol(), hello.timeout());
        List<String> reattached = tracker.reattach();
        for (String uuid : reattached) {
            budget.take(); // re-attaching cannot wait, but what follows it can
            socket.send(MessageCodec.encode(new AttachReq(uuid)));
        }
        if (lostSinceGreeting && !reattached.isEmpty()) {
            LOG.info("connection to the HAS at {} restored; {} request(s) re-attached", socket.uri(), reattached.size());
            scheduler.callbacks().add(() -> scheduler.listener().connectionRestored(socket.uri(), reattached.size()));
        }
        lostSinceGreeting = false;
    }

    private void dispatch(HasMessage message) {
        if (message instanceof Wait wait) {
            if (tracker.onWait(wait, scheduler.clock().millis())) {
                refusalsInARow = 0;
            }
        } else if (message instanceof Reply reply) {
            tracker.onReply(reply);
        } else if (message instanceof ErrorMessage error) {
            refused(error);
        } else if (message instanceof AttachAck ack) {
            tracker.onAttachAck(ack.uuid());
        } else if (message instanceof AttachNack nack) {
            tracker.onAttachNack(nack.uuid());
        } else {
            LOG.debug("ignored {}: not a message for an APP", message.cmd());
        }
    }

    /** The relay refused a request: for rate or load, it goes back to the queue after a pause; else it fails. */
    private void refused(ErrorMessage error) {
        PendingRequest<?> request = tracker.onError(error);
        if (request == null) {
            return;
        }
        boolean beforeItsWait = request.stage() == PendingRequest.Stage.SENT;
        if (beforeItsWait && TransientRefusal.isTransient(error.error()) && request.refusedForNow() <= MAX_REFUSALS) {
            long now = scheduler.timers().nowMillis();
            // Requests already on their way when the pause began are refused too: they do not lengthen it.
            if (now >= pausedUntilMillis) {
                long pause = Math.min(MAX_PAUSE_MILLIS, 1000L << Math.min(refusalsInARow++, 4));
                budget.pause(pause);
                pausedUntilMillis = now + pause;
            }
            LOG.debug("{} refused for now ({}): sent again after the pause", request, error.error());
            scheduler.requeue(request);
            return;
        }
        LOG.debug("{} refused by the HAS: {}", request, error.error());
        request.fail(new ServerErrorException(error.error(), request.uuid()), scheduler.callbacks());
        scheduler.ended(request);
    }

    /** Sends what fits now: requests pinned here and the scheduler's shared queue, oldest first. */
    void drain() {
        if (greeting == null) {
            return;
        }
        int cap = scheduler.flow().maxInFlightPerConnection();
        while (tracker.inFlight() < cap) {
            PendingRequest<?> next = scheduler.nextFor(pinned);
            if (next == null) {
                return;
            }
            if (!budget.tryTake()) {
                scheduler.wakeIn(budget.millisUntilNext());
                return;
            }
            scheduler.take(next, pinned);
            if (!socket.send(next.frame())) {
                scheduler.requeue(next); // the socket went down an instant ago; its event is on the way
                return;
            }
            tracker.sent(next, scheduler.clock().millis() + scheduler.timeoutMillis());
        }
    }

    void pin(PendingRequest<?> request) {
        pinned.add(request);
    }

    /** Requests this connection holds or is to send: sent, waiting for their wallet, or pinned to it. */
    int load() {
        return tracker.inFlight() + pinned.size();
    }

    boolean isFull() {
        return load() >= scheduler.flow().maxInFlightPerConnection();
    }

    boolean isGreeted() {
        return greeting != null;
    }

    /** Open, or on its way to open, for requests to come. */
    boolean isUsable() {
        RelaySocket.State state = socket.state();
        return state == RelaySocket.State.OPEN || state == RelaySocket.State.CONNECTING;
    }

    /** Something needs this connection: requests in flight or pinned here, or requests any connection may take. */
    boolean hasWork() {
        return tracker.inFlight() > 0 || !pinned.isEmpty() || scheduler.hasSharedWork();
    }

    /** Connects if idle (a request needs it). */
    void wake() {
        idleSinceMillis = scheduler.timers().nowMillis();
        socket.connect();
    }

    /** Expires what is due: requests in flight, and requests pinned here that never left. */
    void expire(long now) {
        tracker.expire(now);
        scheduler.expireQueued(pinned, now, greeting != null);
        if (hasWork()) {
            idleSinceMillis = scheduler.timers().nowMillis();
        }
    }

    long idleMillis() {
        return scheduler.timers().nowMillis() - idleSinceMillis;
    }

    CompletableFuture<Connected> connect() {
        if (greeting != null) {
            return CompletableFuture.completedFuture(greeting);
        }
        CompletableFuture<Connected> waiter = new CompletableFuture<>();
        connectWaiters.add(waiter);
        wake();
        return waiter;
    }

    /** Ends everything on this connection with {@code failure} and closes it for good. */
    void shutDown(HasException failure) {
        tracker.failAll(failure);
        failPinned(failure);
        failConnectWaiters(failure);
        socket.close();
    }

    private void failPinned(HasException failure) {
        PendingRequest<?> request;
        while ((request = pinned.poll()) != null) {
            scheduler.failQueued(request, failure);
        }
    }

    private void failConnectWaiters(HasException failure) {
        for (CompletableFuture<Connected> waiter : connectWaiters) {
            scheduler.callbacks().add(() -> waiter.completeExceptionally(failure));
        }
        connectWaiters.clear();
    }
}
