package dev.hiveauth.protocol.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * One WebSocket to a relay that comes back by itself: the client transport of the app client and the wallet.
 *
 * <pre>
 *   IDLE ──connect()──▶ CONNECTING ──handshake──▶ OPEN
 *    ▲                    │  failed, or no              │ closed, silent past the pong timeout,
 *    │ pause()            ▼  handshake in time          ▼ no established() in time, a send failed
 *    └────────────── BACKING_OFF ◀──────────────────────┘
 *                         └──delay (doubling, jittered)──▶ CONNECTING
 *   any state ──close()──▶ CLOSED
 * </pre>
 *
 * While open it pings every {@link Settings#pingInterval()} and gives the connection up when nothing (pong or
 * frame) came for {@link Settings#pongTimeout()}: a connection a NAT dropped never reports itself closed. The
 * backoff starts again from the shortest delay once the role calls {@link #established()} (the relay spoke the
 * protocol), not merely when the socket opens, so a relay that accepts and hangs up at once is not hammered.
 *
 * <p>The {@link Listener} gets one ordered stream of events, never under this socket's lock and never from
 * inside a call the role made (what the role asks for — {@link #drop}, {@link #pause}, {@link #close} — it
 * already knows). Time and dialing are injected ({@link Timers}, {@link Dialer}): the state machine costs no
 * thread of its own and is tested on a hand-moved clock. Thread-safe.
 */
public final class RelaySocket {

    /** Where the socket is in its life: idle until started, connecting, open, waiting to reconnect, closed for good. */
    public enum State { IDLE, CONNECTING, OPEN, BACKING_OFF, CLOSED }

    /** What the socket reports; every method must return quickly (it may run on an I/O or timer thread). */
    public interface Listener {

        /** The WebSocket is open: send the first frames, and call {@link #established()} once the relay answers. */
        void opened();

        /** A text frame came in from the relay. */
        void received(String frame);

        /** The open connection is gone; the next attempt comes in {@code retryInMillis} unless paused or closed. */
        void lost(String reason, long retryInMillis);

        /** An attempt to connect failed; the next one comes in {@code retryInMillis} unless paused or closed. */
        void failed(String reason, long retryInMillis);
    }

    /**
     * @param connectTimeout how long the handshake may take, and again how long the relay has to answer as a
     *     relay ({@link #established()}) once the socket is open
     * @param pingInterval how often an open connection is pinged
     * @param pongTimeout how long an open connection may stay silent (no pong, no frame) before it is given up
     * @param minBackoff the first delay before reconnecting, doubled after each failure
     * @param maxBackoff the longest delay
     */
    public record Settings(Duration connectTimeout, Duration pingInterval, Duration pongTimeout, Duration minBackoff,
                           Duration maxBackoff) {
        /**
         * Checks that the timeouts are positive, that a pong may take at least a ping interval, and the backoff range.
         */
        public Settings {
            requirePositive(connectTimeout, "the connect timeout");
            requirePositive(pingInterval, "the ping interval");
            Objects.requireNonNull(pongTimeout, "pongTimeout");
            if (pongTimeout.compareTo(pingInterval) < 0) {
                throw new IllegalArgumentException("the pong timeout must be at least the ping interval");
            }
            Backoff.requireValid(Objects.requireNonNull(minBackoff, "minBackoff"),
                    Objects.requireNonNull(maxBackoff, "maxBackoff"));
        }

        /** A copy with another connect timeout. */
        public Settings withConnectTimeout(Duration timeout) {
            return new Settings(timeout, pingInterval, pongTimeout, minBackoff, maxBackoff);
        }

        /** A copy pinging every {@code interval}, and giving up on a pong after {@code timeout}. */
        public Settings withKeepAlive(Duration interval, Duration timeout) {
            return new Settings(connectTimeout, interval, timeout, minBackoff, maxBackoff);
        }

        /** A copy reconnecting after delays from {@code min} to {@code max}. */
        public Settings withBackoff(Duration min, Duration max) {
            return new Settings(connectTimeout, pingInterval, pongTimeout, min, max);
        }

        private static void requirePositive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
        }
    }

    private final URI uri;
    private final Dialer dialer;
    private final Timers timers;
    private final Settings settings;
    private final Backoff backoff;
    private final Listener listener;
    /** The listener's events, in order; drained by whichever thread brings one, never under this socket's lock. */
    private final SerialExecutor events = new SerialExecutor(Runnable::run);

    // guarded by this
    private State state = State.IDLE;
    private Attempt attempt;
    private int failures;
    private Timers.Cancellable retry;

    /** @param random values in [0, 1) for the backoff's jitter */
    public RelaySocket(URI uri, Dialer dialer, Timers timers, Settings settings, DoubleSupplier random,
                       Listener listener) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = new Backoff(settings.minBackoff(), settings.maxBackoff(), random);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The relay's URL. */
    public URI uri() {
        return uri;
    }

    /** Where the socket is now. */
    public synchronized State state() {
        return state;
    }

    /** Connects now if idle; while backing off, the pending attempt stands (no hammering); otherwise nothing. */
    public void connect() {
        Attempt dialing;
        synchronized (this) {
            if (state == State.CLOSED) {
                throw new IllegalStateException("this connection to " + uri + " is closed");
            }
            if (state != State.IDLE) {
                return;
            }
            dialing = startAttempt();
        }
        dial(dialing);
    }

    /** The relay answered as a relay should: the next loss reconnects after the shortest delay again. */
    public synchronized void established() {
        if (state == State.OPEN && !attempt.established) {
            attempt.established = true;
            attempt.cancelDeadline();
            failures = 0;
        }
    }

    /** Queues a text frame on the open connection; false (and nothing sent) when it is not open. */
    public boolean send(String frame) {
        Link link;
        synchronized (this) {
            if (state != State.OPEN) {
                return false;
            }
            link = attempt.link;
        }
        link.send(frame);
        return true;
    }

    /**
     * Gives the current connection or attempt up, as the role judged it unusable ({@code reason} for the logs),
     * and reconnects after the backoff. No event follows. Returns the delay before the next attempt, or -1 when
     * there was nothing to drop.
     */
    public long drop(String reason) {
        Link link;
        long delay;
        synchronized (this) {
            if (state != State.OPEN && state != State.CONNECTING) {
                return -1;
            }
            link = attempt.link;
            delay = backOff();
        }
        if (link != null) {
            link.close(1001, reason);
        }
        return delay;
    }

    /** Stops waiting to reconnect: the socket stays idle until {@link #connect()}. Only acts while backing off. */
    public synchronized void pause() {
        if (state == State.BACKING_OFF) {
            retry.cancel();
            retry = null;
            state = State.IDLE;
        }
    }

    /** Closes for good: no event, no reconnection. */
    public void close() {
        Link link = null;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            if (attempt != null) {
                link = attempt.link;
                attempt.stopTimers();
                attempt = null;
            }
            if (retry != null) {
                retry.cancel();
                retry = null;
            }
            state = State.CLOSED;
        }
        if (link != null) {
            link.close(1000, "client closing");
        }
    }

    // guarded by this
    private Attempt startAttempt() {
        state = State.CONNECTING;
        Attempt next = new Attempt();
        attempt = next;
        next.deadline = timers.schedule(settings.connectTimeout().toMillis(), () -> next.giveUp(
                "no WebSocket handshake with " + uri + " within " + settings.connectTimeout().toMillis() + " ms"));
        return next;
    }

    private void dial(Attempt dialing) {
        dialer.dial(uri, settings.connectTimeout(), dialing);
    }

    // guarded by this: the current attempt is over; wait, then try again
    private long backOff() {
        attempt.stopTimers();
        attempt = null;
        long delay = backoff.delayMillis(failures);
        failures = Math.min(failures + 1, 30);
        state = State.BACKING_OFF;
        retry = timers.schedule(delay, this::retryDue);
        return delay;
    }

    private void retryDue() {
        Attempt dialing;
        synchronized (this) {
            if (state != State.BACKING_OFF) {
                return;
            }
            retry = null;
            dialing = startAttempt();
        }
        dial(dialing);
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** One attempt to connect and, once open, that connection; events of any other attempt are stale. */
    private final class Attempt implements LinkEvents {
        // guarded by RelaySocket.this
        private Link link;
        private boolean established;
        private long lastHeardMillis;
        private Timers.Cancellable deadline;
        private Timers.Cancellable keepAlive;

        @Override
        public void opened(Link opened) {
            boolean wanted;
            synchronized (RelaySocket.this) {
                wanted = attempt == this && state == State.CONNECTING;
                if (wanted) {
                    open(opened);
                }
            }
            if (!wanted) {
                opened.close(1000, "connection no longer wanted"); // late, after its deadline or a close()
            }
            events.flush();
        }

        // guarded by RelaySocket.this
        private void open(Link opened) {
            link = opened;
            state = State.OPEN;
            lastHeardMillis = timers.nowMillis();
            deadline.cancel();
            // The socket is open; the relay still has to greet (the role's established()) in time.
            long greeting = settings.connectTimeout().toMillis();
            deadline = timers.schedule(greeting, () -> giveUp(uri + " did not answer as a HAS within " + greeting + " ms"));
            scheduleKeepAlive();
            events.add(listener::opened);
        }

        @Override
        public void text(Link from, String frame) {
            synchronized (RelaySocket.this) {
                if (!isCurrent(from)) {
                    return; // a connection given up on: its late frames are not ours any more
                }
                lastHeardMillis = timers.nowMillis();
                events.add(() -> listener.received(frame));
            }
            events.flush();
        }

        @Override
        public void pong(Link from) {
            synchronized (RelaySocket.this) {
                if (isCurrent(from)) {
                    lastHeardMillis = timers.nowMillis();
                }
            }
        }

        @Override
        public void closed(Link from, String why) {
            giveUpIfCurrent(from, "closed by the relay (" + why + ")");
        }

        @Override
        public void failed(Link from, Throwable error) {
            giveUpIfCurrent(from, from == null ? "cannot connect to " + uri + ": " + describe(error)
                    : "sending failed: " + describe(error));
        }

        private void giveUpIfCurrent(Link from, String reason) {
            synchronized (RelaySocket.this) {
                if (attempt != this || from != null && from != link) {
                    return;
                }
            }
            giveUp(reason);
        }

        /** Ends this attempt (if it is still the current one) and reports why. */
        void giveUp(String reason) {
            Link closing;
            synchronized (RelaySocket.this) {
                if (attempt != this) {
                    return;
                }
                boolean wasOpen = state == State.OPEN;
                closing = link;
                long delay = backOff();
                events.add(wasOpen ? () -> listener.lost(reason, delay) : () -> listener.failed(reason, delay));
            }
            if (closing != null) {
                closing.close(1001, "connection given up");
            }
            events.flush();
        }

        // guarded by RelaySocket.this
        private boolean isCurrent(Link from) {
            return attempt == this && state == State.OPEN && from == link;
        }

        // guarded by RelaySocket.this
        private void scheduleKeepAlive() {
            keepAlive = timers.schedule(settings.pingInterval().toMillis(), this::checkAlive);
        }

        private void checkAlive() {
            Link pinging;
            synchronized (RelaySocket.this) {
                if (attempt != this || state != State.OPEN) {
                    return;
                }
                long silent = timers.nowMillis() - lastHeardMillis;
                if (silent >= settings.pongTimeout().toMillis()) {
                    pinging = null;
                } else {
                    pinging = link;
                    scheduleKeepAlive();
                }
            }
            if (pinging == null) {
                giveUp("no pong from " + uri + " for " + settings.pongTimeout().toMillis() + " ms");
            } else {
                pinging.ping();
            }
        }

        // guarded by RelaySocket.this
        void cancelDeadline() {
            if (deadline != null) {
                deadline.cancel();
                deadline = null;
            }
        }

        // guarded by RelaySocket.this
        void stopTimers() {
            cancelDeadline();
            if (keepAlive != null) {
                keepAlive.cancel();
                keepAlive = null;
            }
        }
    }
}
