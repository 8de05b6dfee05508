package dev.hiveauth.pksa;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to one relay, kept alive: connects, pings every {@link ConnectionSettings#pingInterval()},
 * replaces the socket when pongs stop for {@link ConnectionSettings#pongTimeout()} (a half-open TCP
 * connection never reports itself closed), and reconnects with {@link Backoff} after every loss until
 * {@link #stop()}. It knows nothing of the protocol: frames go to the {@link Handler}.
 */
final class HasConnection {
    private static final Logger LOG = LoggerFactory.getLogger(HasConnection.class);
    private static final ByteBuffer PING = ByteBuffer.wrap("has-pksa".getBytes(StandardCharsets.US_ASCII));

    /** What the connection reports; called on Tyrus's and the scheduler's threads. */
    interface Handler {
        void opened(HasConnection connection);

        void received(HasConnection connection, String frame);

        void lost(HasConnection connection);
    }

    private final URI uri;
    private final ClientManager client;
    private final ScheduledExecutorService timers;
    private final ConnectionSettings settings;
    private final Backoff backoff;
    private final Handler handler;
    private final Object sendLock = new Object();

    // guarded by this
    private Session session;
    private long attempt;
    private int failures;
    private boolean started;
    private boolean stopped;
    private ScheduledFuture<?> pinger;
    private volatile long lastPongNanos;

    HasConnection(URI uri, ClientManager client, ScheduledExecutorService timers, ConnectionSettings settings,
                  Backoff backoff, Handler handler) {
        this.uri = uri;
        this.client = client;
        this.timers = timers;
        this.settings = settings;
        this.backoff = backoff;
        this.handler = handler;
    }

    URI uri() {
        return uri;
    }

    synchronized void start() {
        if (started || stopped) {
            return;
        }
        started = true;
        long period = settings.pingInterval().toMillis();
        pinger = timers.scheduleAtFixedRate(this::checkAlive, period, period, TimeUnit.MILLISECONDS);
        timers.execute(this::connect);
    }

    synchronized boolean isOpen() {
        return session != null && session.isOpen();
    }

    /** The relay speaks the protocol: the next loss starts again from the shortest delay. */
    synchronized void healthy() {
        failures = 0;
    }

    /** Sends one text frame; false when there is no open socket (the frame is dropped). */
    boolean send(String frame) {
        Session current;
        synchronized (this) {
            current = session;
        }
        if (current == null) {
            return false;
        }
        try {
            synchronized (sendLock) {
                current.getBasicRemote().sendText(frame);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            abandon(current, "sending failed: " + e.getMessage());
            return false;
        }
    }

    /** Closes for good: no reconnection. */
    void stop() {
        Session current;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            current = session;
            session = null;
            if (pinger != null) {
                pinger.cancel(false);
            }
        }
        if (current != null) {
            closeQuietly(current, CloseReason.CloseCodes.NORMAL_CLOSURE, "PKSA closing");
        }
    }

    private void connect() {
        long thisAttempt;
        synchronized (this) {
            if (stopped || session != null) {
                return;
            }
            thisAttempt = ++attempt;
        }
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        try {
            LOG.debug("connecting to {}", uri);
            client.connectToServer(new HasEndpoint(this, thisAttempt), config, uri);
        } catch (Exception e) {
            LOG.info("cannot connect to {}: {}", uri, describe(e));
            synchronized (this) {
                if (attempt == thisAttempt && session == null) {
                    reconnectLater();
                }
            }
        }
    }

    // guarded by this
    private void reconnectLater() {
        if (stopped) {
            return;
        }
        long delay = backoff.delayMillis(failures);
        failures = Math.min(failures + 1, 30);
        LOG.info("reconnecting to {} in {} ms", uri, delay);
        timers.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    void opened(long fromAttempt, Session opened) {
        synchronized (this) {
            if (stopped || fromAttempt != attempt || session != null) {
                closeLater(opened);
                return;
            }
            session = opened;
            lastPongNanos = System.nanoTime();
        }
        LOG.info("connected to {}", uri);
        handler.opened(this);
    }

    void received(Session from, String frame) {
        synchronized (this) {
            if (from != session) {
                return; // a socket given up on: its late frames are not ours any more
            }
        }
        handler.received(this, frame);
    }

    void ponged(Session from) {
        lastPongNanos = System.nanoTime();
    }

    void closed(Session from, String why) {
        synchronized (this) {
            if (from != session) {
                return;
            }
            session = null;
            LOG.info("connection to {} closed ({})", uri, why);
            reconnectLater();
        }
        handler.lost(this);
    }

    void failed(Session from, Throwable error) {
        LOG.debug("connection to {}: {}", uri, describe(error));
    }

    private void checkAlive() {
        Session current;
        synchronized (this) {
            current = session;
        }
        if (current == null) {
            return;
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastPongNanos);
        if (silentMillis > settings.pongTimeout().toMillis()) {
            abandon(current, "no pong for " + silentMillis + " ms");
            return;
        }
        try {
            synchronized (sendLock) {
                current.getBasicRemote().sendPing(PING.duplicate());
            }
        } catch (IOException | RuntimeException e) {
            abandon(current, "ping failed: " + e.getMessage());
        }
    }

    /** Gives up on a socket that looks dead without waiting for its close, and connects anew. */
    private void abandon(Session dead, String why) {
        synchronized (this) {
            if (dead != session) {
                return;
            }
            session = null;
            LOG.warn("connection to {} lost: {}", uri, why);
            reconnectLater();
        }
        closeLater(dead);
        handler.lost(this);
    }

    private void closeLater(Session session) {
        // a dead peer may never answer the close handshake: not on the caller's thread, and not on the
        // common pool either (the Hive client completes its calls there)
        try {
            timers.execute(() -> closeQuietly(session, CloseReason.CloseCodes.GOING_AWAY, "connection replaced"));
        } catch (RejectedExecutionException e) {
            closeQuietly(session, CloseReason.CloseCodes.GOING_AWAY, "connection replaced");
        }
    }

    private static void closeQuietly(Session session, CloseReason.CloseCode code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, reason));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a socket failed: {}", e.toString());
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
