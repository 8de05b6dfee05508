package dev.hiveauth.app;

import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.transport.RelaySocket;
import dev.hiveauth.protocol.transport.SerialExecutor;
import dev.hiveauth.protocol.transport.Timers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when each request leaves and on which connection (flow control, {@link FlowControl}): requests queue in
 * submission order; each {@link RelaySession} takes the oldest it may send while it has room (requests in flight
 * below the cap, budget in its send rate); more connections open while the queue outgrows the open ones, and
 * extra ones close after a minute idle. Requests acting for one authentication are pinned to one connection, in
 * order, because a wallet refuses a nonce lower than the last one it saw. One lock guards the scheduler and every
 * session; callbacks run after it is released.
 */
final class RequestScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestScheduler.class);
    static final Comparator<PendingRequest<?>> BY_SEQUENCE = Comparator.comparingLong(PendingRequest::sequence);
    /** Until a {@code connected} says otherwise: the documented default. */
    static final long DEFAULT_TIMEOUT_MILLIS = 60_000;
    /** An extra connection with nothing to do for this long is closed; the first one stays. */
    static final long IDLE_MILLIS = 60_000;
    /** After an extra connection failed to open, no other is tried for this long (the relay may cap them). */
    static final long GROWTH_PAUSE_MILLIS = 10_000;

    private final Object lock = new Object();
    private final SerialExecutor callbacks;
    private final Clock clock;
    private final Timers timers;
    private final FlowControl flow;
    private final ConnectionListener listener;
    private final Function<RelaySocket.Listener, RelaySocket> sockets;
    private final AtomicLong sequences = new AtomicLong();
    private final List<RelaySession> sessions = new ArrayList<>();
    private final PriorityQueue<PendingRequest<?>> shared = new PriorityQueue<>(BY_SEQUENCE);
    private final Map<String, Pin> pins = new HashMap<>();
    private int queued;
    private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
    private boolean closed;
    private Timers.Cancellable wake;
    private long wakeAtMillis;
    private Timers.Cancellable tick;
    private long noGrowthUntilMillis = Long.MIN_VALUE;

    /** The connection the requests of one authentication go out on, while any of them is pending. */
    private static final class Pin {
        final RelaySession session;
        int requests;

        Pin(RelaySession session) {
            this.session = session;
        }
    }

    RequestScheduler(SerialExecutor callbacks, Clock clock, Timers timers, FlowControl flow, ConnectionListener listener,
                     Function<RelaySocket.Listener, RelaySocket> sockets) {
        this.callbacks = callbacks;
        this.clock = clock;
        this.timers = timers;
        this.flow = flow;
        this.listener = listener;
        this.sockets = sockets;
    }

    /** Starts the timer that checks expiry and idle connections. */
    void start(Duration expiryCheck) {
        synchronized (lock) {
            scheduleTick(expiryCheck.toMillis());
        }
    }

    long nextSequence() {
        return sequences.incrementAndGet();
    }

    <T> CompletableFuture<T> submit(PendingRequest<T> request) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the client is closed");
            }
            if (queued >= flow.maxQueued()) {
                request.fail(new QueueFullException("the client already queues " + queued + " requests, its limit "
                        + "(FlowControl.maxQueued): " + request.what() + " was not sent; try again later"), callbacks);
            } else {
                request.queued(clock.millis() + timeoutMillis);
                queued++;
                if (request.pin() == null) {
                    shared.add(request);
                } else {
                    pins.computeIfAbsent(request.pin(), key -> new Pin(leastLoaded())).requests++;
                    pins.get(request.pin()).session.pin(request);
                }
                pump();
            }
        }
        callbacks.flush();
        return request.future();
    }

    CompletableFuture<Connected> connect() {
        CompletableFuture<Connected> result;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the client is closed"));
            }
            result = (sessions.isEmpty() ? open() : sessions.get(0)).connect();
        }
        callbacks.flush();
        return result;
    }

    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            RequestLostException failure = new RequestLostException("the client was closed", null);
            sessions.forEach(session -> session.shutDown(failure));
            sessions.clear();
            PendingRequest<?> request;
            while ((request = shared.poll()) != null) {
                failQueued(request, failure);
            }
            cancel(wake);
            cancel(tick);
        }
        callbacks.flush();
    }

    // ---- under the lock ----

    Object lock() {
        return lock;
    }

    SerialExecutor callbacks() {
        return callbacks;
    }

    Clock clock() {
        return clock;
    }

    Timers timers() {
        return timers;
    }

    FlowControl flow() {
        return flow;
    }

    ConnectionListener listener() {
        return listener;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** Sends what may go now, opens connections the queue needs, and wakes idle ones that have work. */
    void pump() {
        if (closed) {
            return;
        }
        for (RelaySession session : sessions) {
            session.drain();
        }
        while (sessions.size() < flow.maxConnections() && needsAnotherConnection()) {
            open();
        }
        for (RelaySession session : sessions) {
            if (session.hasWork()) {
                session.wake();
            }
        }
    }

    /**
     * Another connection helps when the shared queue holds more than the open ones can send in one burst, or when
     * every one of them is at its cap of requests in flight.
     */
    private boolean needsAnotherConnection() {
        if (shared.isEmpty() || !sessions.isEmpty() && timers.nowMillis() < noGrowthUntilMillis) {
            return false;
        }
        if (sessions.isEmpty() || shared.size() > (long) sessions.size() * flow.burst()) {
            return true;
        }
        return sessions.stream().allMatch(RelaySession::isFull);
    }

    private RelaySession open() {
        RelaySession session = new RelaySession(this, sockets);
        sessions.add(session);
        LOG.debug("opening connection {} of at most {}", sessions.size(), flow.maxConnections());
        return session;
    }

    /** Where a new authentication's requests go: the connection with the least to do, or a new one if all are full. */
    private RelaySession leastLoaded() {
        RelaySession best = null;
        for (RelaySession session : sessions) {
            if (best == null || session.load() < best.load()) {
                best = session;
            }
        }
        if (best == null || best.isFull() && sessions.size() < flow.maxConnections()) {
            best = open();
        }
        return best;
    }

    /** The oldest request a session may send: from its pinned queue or the shared one, without taking it. */
    PendingRequest<?> nextFor(PriorityQueue<PendingRequest<?>> pinned) {
        PendingRequest<?> own = pinned.peek();
        PendingRequest<?> any = shared.peek();
        if (own == null) {
            return any;
        }
        return any == null || own.sequence() < any.sequence() ? own : any;
    }

    /** Takes {@code request} off its queue to send it. */
    void take(PendingRequest<?> request, PriorityQueue<PendingRequest<?>> pinned) {
        if (request.pin() == null) {
            shared.remove(request);
        } else {
            pinned.remove(request);
        }
        queued--;
    }

    /** Back to the queue, in its original place (the relay refused it for now, or the socket was down). */
    void requeue(PendingRequest<?> request) {
        queued++;
        if (request.pin() == null) {
            shared.add(request);
        } else {
            pins.get(request.pin()).session.pin(request);
        }
    }

    /** A request ended (answered, failed, expired): its authentication's pin may go. */
    void ended(PendingRequest<?> request) {
        if (request.pin() == null) {
            return;
        }
        Pin pin = pins.get(request.pin());
        if (pin != null && --pin.requests == 0) {
            pins.remove(request.pin());
        }
    }

    /** Fails a request that never left the client. */
    void failQueued(PendingRequest<?> request, HasException failure) {
        queued--;
        request.fail(failure, callbacks);
        ended(request);
    }

    boolean hasSharedWork() {
        return !shared.isEmpty();
    }

    /** A {@code connected} came: its timeout is the relay's request lifetime. */
    void greeted(Connected hello) {
        if (hello.timeout() > 0) {
            timeoutMillis = hello.timeout() * 1000L;
        }
    }

    /**
     * A connection attempt failed with no request waiting on that connection. Its extra connections are dropped;
     * when no connection is left that could carry the queue, the queued requests fail now rather than at their
     * deadline (the relay is unreachable: an application wants to know at once).
     */
    void connectionFailed(RelaySession session, ConnectionFailedException failure) {
        if (sessions.indexOf(session) > 0) {
            sessions.remove(session);
            session.shutDown(failure);
            noGrowthUntilMillis = timers.nowMillis() + GROWTH_PAUSE_MILLIS;
        }
        if (sessions.stream().noneMatch(RelaySession::isUsable)) {
            PendingRequest<?> request;
            while ((request = shared.poll()) != null) {
                failQueued(request, failure);
            }
        }
    }

    /** The relay speaks a newer protocol: the connection and everything queued fail. */
    void declined(RelaySession session, ProtocolMismatchException mismatch) {
        sessions.remove(session);
        session.shutDown(mismatch);
        PendingRequest<?> request;
        while ((request = shared.poll()) != null) {
            failQueued(request, mismatch);
        }
    }

    /** Fails the queued requests of {@code queue} whose deadline has come. */
    void expireQueued(PriorityQueue<PendingRequest<?>> queue, long now, boolean connected) {
        Iterator<PendingRequest<?>> iterator = queue.iterator();
        List<PendingRequest<?>> due = new ArrayList<>();
        while (iterator.hasNext()) {
            PendingRequest<?> request = iterator.next();
            if (request.deadline() <= now) {
                iterator.remove();
                due.add(request);
            }
        }
        for (PendingRequest<?> request : due) {
            failQueued(request, connected
                    ? new RequestExpiredException(request.what() + " waited " + timeoutMillis + " ms in the client's queue "
                            + "without a connection with room for it (FlowControl: " + flow.maxConnections()
                            + " connections, " + flow.requestsPerSecond() + " messages/s each)", null)
                    : new ConnectionFailedException("could not reach the HAS to send " + request.what()
                            + " before its deadline", null));
        }
    }

    /** Pumps again in {@code millis} (a send budget refills then). */
    void wakeIn(long millis) {
        long at = timers.nowMillis() + Math.max(1, millis);
        if (wake != null && wakeAtMillis <= at) {
            return;
        }
        cancel(wake);
        wakeAtMillis = at;
        wake = timers.schedule(at - timers.nowMillis(), () -> {
            synchronized (lock) {
                wake = null;
                pump();
            }
            callbacks.flush();
        });
    }

    private void scheduleTick(long period) {
        tick = timers.schedule(period, () -> {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                checkExpiry();
                scheduleTick(period);
            }
            callbacks.flush();
        });
    }

    private void checkExpiry() {
        long now = clock.millis();
        boolean connected = sessions.stream().anyMatch(RelaySession::isGreeted);
        for (RelaySession session : sessions) {
            session.expire(now);
        }
        expireQueued(shared, now, connected);
        for (int i = sessions.size() - 1; i > 0; i--) {
            RelaySession session = sessions.get(i);
            if (!session.hasWork() && session.idleMillis() >= IDLE_MILLIS) {
                sessions.remove(i);
                session.shutDown(new RequestLostException("the connection was closed while idle", null));
            }
        }
        pump();
    }

    private static void cancel(Timers.Cancellable task) {
        if (task != null) {
            task.cancel();
        }
    }
}
