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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's one connection to the HAS and what rides on it: opens it on demand and reads
 * {@code connected}; sends requests (queueing them while there is no connection); hands what arrives to the
 * {@link RequestTracker}; and when the connection drops while requests wait for replies, reconnects with
 * backoff and re-attaches every one of them ({@code attach_req}, SPEC §8). Expiry is checked on a timer
 * against the injected clock. One lock guards all of it; callbacks run after it is released.
 */
final class HasConnection implements HasSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HasConnection.class);
    /** Until a {@code connected} says otherwise: the documented default. */
    static final long DEFAULT_TIMEOUT_MILLIS = 60_000;

    private enum State { IDLE, CONNECTING, OPEN, CLOSED }

    private final Object lock = new Object();
    private final URI uri;
    private final ClientManager manager;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration connectTimeout;
    private final long pingIntervalNanos;
    private final CallbackQueue callbacks;
    private final RequestTracker tracker;

    private State state = State.IDLE;
    private HasSocket socket;
    private Connected connected;
    private CompletableFuture<Connected> opening;
    private boolean reconnecting;
    private int failures;
    private ScheduledFuture<?> retry;
    private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
    private long pingSentNanos;

    HasConnection(URI uri, ClientManager manager, ScheduledExecutorService scheduler, Clock clock, Backoff backoff,
                  Duration connectTimeout, Duration pingInterval, CallbackQueue callbacks) {
        this.uri = uri;
        this.manager = manager;
        this.scheduler = scheduler;
        this.clock = clock;
        this.backoff = backoff;
        this.connectTimeout = connectTimeout;
        this.pingIntervalNanos = pingInterval.toNanos();
        this.callbacks = callbacks;
        this.tracker = new RequestTracker(callbacks);
    }

    /** Starts the timer that checks expiry and the connection's liveness. */
    void start(Duration expiryCheck) {
        long period = expiryCheck.toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    CompletableFuture<Connected> connect() {
        CompletableFuture<Connected> result;
        synchronized (lock) {
            switch (state) {
                case CLOSED:
                    return CompletableFuture.failedFuture(new IllegalStateException("the client is closed"));
                case OPEN:
                    return CompletableFuture.completedFuture(connected);
                case CONNECTING:
                    result = opening.copy();
                    break;
                default:
                    result = startAttempt().copy();
                    break;
            }
        }
        callbacks.flush();
        return result;
    }

    <T> CompletableFuture<T> submit(PendingRequest<T> request) {
        synchronized (lock) {
            if (state == State.CLOSED) {
                throw new IllegalStateException("the client is closed");
            }
            long deadline = clock.millis() + timeoutMillis;
            if (state == State.OPEN) {
                socket.send(request.frame());
                tracker.sent(request, deadline);
            } else {
                tracker.queue(request, deadline);
                if (state == State.IDLE && retry == null) {
                    startAttempt();
                }
            }
        }
        callbacks.flush();
        return request.future();
    }

    void close() {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            cancelRetry();
            if (opening != null) {
                CompletableFuture<Connected> attempt = opening;
                opening = null;
                callbacks.add(() -> attempt.completeExceptionally(
                        new ConnectionFailedException("the client was closed", null)));
            }
            tracker.failAll(new RequestLostException("the client was closed", null));
            HasSocket open = socket;
            socket = null;
            if (open != null) {
                open.close();
            }
        }
        callbacks.flush();
    }

    @Override
    public void onOpen(HasSocket opened) {
        boolean extra;
        synchronized (lock) {
            extra = state != State.CONNECTING || socket != null;
            if (!extra) {
                socket = opened;
            }
        }
        if (extra) {
            // A socket whose attempt already timed out or was superseded.
            opened.close();
        }
    }

    @Override
    public void onText(HasSocket from, String frame) {
        synchronized (lock) {
            if (from != socket) {
                return;
            }
            HasMessage message;
            try {
                message = MessageCodec.decode(frame);
            } catch (ProtocolException e) {
                LOG.debug("ignored a frame from the HAS: {}", e.getMessage());
                return;
            }
            try {
                if (state == State.CONNECTING) {
                    greeted(message);
                } else if (state == State.OPEN) {
                    dispatch(message);
                }
            } catch (RuntimeException e) {
                // a bug of ours must cost this one frame, not the connection's reader
                LOG.warn("failed to handle {} from the HAS", message.cmd(), e);
            }
        }
        callbacks.flush();
    }

    @Override
    public void onClose(HasSocket closed, String reason) {
        synchronized (lock) {
            if (closed != socket) {
                return;
            }
            socket = null;
            if (state == State.CONNECTING) {
                attemptFailed(opening, new ConnectionFailedException("the HAS at " + uri
                        + " closed the connection before sending connected (" + reason + ")", null));
            } else if (state == State.OPEN) {
                lost(reason);
            }
        }
        callbacks.flush();
    }

    /** Under the lock: the open connection is gone; reconnect if requests wait for replies. */
    private void lost(String reason) {
        state = State.IDLE;
        LOG.info("connection to the HAS at {} lost ({})", uri, reason);
        tracker.connectionLost();
        if (tracker.needsConnection()) {
            reconnecting = true;
            scheduleRetry();
        }
    }

    /**
     * Under the lock, while open: pings every interval, and gives the connection up when a ping got no pong
     * within the next interval. A connection a NAT or proxy dropped silently never reports a close, and the
     * replies relayed to it would be lost until expiry; detecting it lets the client re-attach in time.
     */
    private void keepAlive() {
        long now = System.nanoTime();
        if (pingSentNanos != 0 && socket.lastPongNanos() - pingSentNanos >= 0) {
            pingSentNanos = 0;
        }
        if (pingSentNanos != 0 && now - pingSentNanos > pingIntervalNanos) {
            HasSocket dead = socket;
            socket = null;
            pingSentNanos = 0;
            dead.close();
            lost("no pong within " + pingIntervalNanos / 1_000_000 + " ms");
        } else if (pingSentNanos == 0 && now - socket.lastPongNanos() >= pingIntervalNanos) {
            pingSentNanos = now;
            socket.ping();
        }
    }

    private CompletableFuture<Connected> startAttempt() {
        cancelRetry();
        CompletableFuture<Connected> attempt = new CompletableFuture<>();
        opening = attempt;
        state = State.CONNECTING;
        scheduler.execute(() -> dial(attempt));
        scheduler.schedule(() -> timedOut(attempt), connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return attempt;
    }

    /** Runs on the scheduler: the handshake blocks. */
    private void dial(CompletableFuture<Connected> attempt) {
        try {
            HasSocket.open(manager, uri, this);
        } catch (Exception e) {
            synchronized (lock) {
                attemptFailed(attempt, new ConnectionFailedException("cannot connect to the HAS at " + uri + ": "
                        + e.getMessage(), e));
            }
            callbacks.flush();
        }
    }

    private void timedOut(CompletableFuture<Connected> attempt) {
        synchronized (lock) {
            attemptFailed(attempt, new ConnectionFailedException("the HAS at " + uri + " did not send connected within "
                    + connectTimeout.toMillis() + " ms", null));
        }
        callbacks.flush();
    }

    /** Under the lock. Ends {@code attempt} unless it is no longer the current one. */
    private void attemptFailed(CompletableFuture<Connected> attempt, HasException failure) {
        if (attempt == null || opening != attempt) {
            return;
        }
        opening = null;
        state = State.IDLE;
        HasSocket open = socket;
        socket = null;
        if (open != null) {
            open.close();
        }
        callbacks.add(() -> attempt.completeExceptionally(failure));
        LOG.debug("connection attempt failed: {}", failure.getMessage());
        if (failure instanceof ProtocolMismatchException) {
            reconnecting = false;
            tracker.failAll(failure);
        } else if (reconnecting && tracker.needsConnection()) {
            scheduleRetry();
        } else {
            // A first connection for new requests: they fail with it rather than wait for their deadline.
            reconnecting = false;
            tracker.failQueued(failure);
        }
    }

    /** Under the lock, while connecting: the first message must be {@code connected}. */
    private void greeted(HasMessage message) {
        if (!(message instanceof Connected)) {
            LOG.debug("ignored {} before connected", message.cmd());
            return;
        }
        Connected hello = (Connected) message;
        CompletableFuture<Connected> attempt = opening;
        if (hello.protocol().compareTo(Connected.PROTOCOL) > 0) {
            attemptFailed(attempt, new ProtocolMismatchException(hello.protocol(), Connected.PROTOCOL));
            return;
        }
        state = State.OPEN;
        opening = null;
        pingSentNanos = 0;
        connected = hello;
        failures = 0;
        reconnecting = false;
        if (hello.timeout() > 0) {
            timeoutMillis = hello.timeout() * 1000L;
        }
        callbacks.add(() -> attempt.complete(hello));
        LOG.debug("connected to the HAS at {} (protocol {}, timeout {} s)", uri, hello.protocol(), hello.timeout());
        for (String uuid : tracker.reattach()) {
            socket.send(MessageCodec.encode(new AttachReq(uuid)));
        }
        // Queued requests had until their deadline to get a connection; now they wait for the HAS's answer.
        long deadline = clock.millis() + timeoutMillis;
        for (PendingRequest<?> request : tracker.takeQueued()) {
            socket.send(request.frame());
            tracker.sent(request, deadline);
        }
    }

    /** Under the lock. */
    private void dispatch(HasMessage message) {
        if (message instanceof Wait) {
            tracker.onWait((Wait) message, clock.millis());
        } else if (message instanceof Reply) {
            tracker.onReply((Reply) message);
        } else if (message instanceof ErrorMessage) {
            tracker.onError((ErrorMessage) message);
        } else if (message instanceof AttachAck) {
            tracker.onAttachAck(((AttachAck) message).uuid());
        } else if (message instanceof AttachNack) {
            tracker.onAttachNack(((AttachNack) message).uuid());
        } else {
            LOG.debug("ignored {}: not a message for an APP", message.cmd());
        }
    }

    private void scheduleRetry() {
        long delay = backoff.delayMillis(failures++);
        LOG.debug("reconnecting to {} in {} ms", uri, delay);
        retry = scheduler.schedule(this::retry, delay, TimeUnit.MILLISECONDS);
    }

    private void retry() {
        synchronized (lock) {
            retry = null;
            if (state != State.IDLE) {
                return;
            }
            if (!tracker.needsConnection()) {
                reconnecting = false;
                return;
            }
            startAttempt();
        }
        callbacks.flush();
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void tick() {
        try {
            synchronized (lock) {
                if (state == State.OPEN) {
                    keepAlive();
                }
                tracker.expire(clock.millis());
                if (state == State.IDLE && !tracker.needsConnection()) {
                    reconnecting = false;
                    cancelRetry();
                }
            }
            callbacks.flush();
        } catch (RuntimeException e) {
            LOG.warn("checking request expiry failed", e);
        }
    }
}
