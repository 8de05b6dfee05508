package dev.hiveauth.protocol.transport;

import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler Tyrus's sessions use, on the relay ({@code RelayWebSocketContainer}) and on the clients
 * ({@link TyrusClient}). Tyrus restarts a session's idle timer on every message sent or received, even with no idle
 * timeout set (neither side sets one: the relay keeps its own deadlines, and {@link RelaySocket} its own keep-alive
 * pings): it schedules its check with a delay of zero, the timeout, and the check then finds nothing to do. On a pool
 * that is a hand-off to another thread and a wake-up per message — on the relay three futex calls for every frame it
 * wrote, most of its system time. Here a task due now runs at once on the caller's thread, which for that check is
 * doing nothing; a task with a delay is scheduled as usual, and a cancelled one leaves the queue at once.
 */
public final class SessionScheduler extends ScheduledThreadPoolExecutor {
    /** One daemon timer thread, {@code has-session-timer}. */
    public SessionScheduler() {
        super(1, runnable -> {
            Thread thread = new Thread(runnable, "has-session-timer");
            thread.setDaemon(true);
            return thread;
        });
        setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay > 0) {
            return super.schedule(command, delay, unit);
        }
        command.run();
        return Ran.INSTANCE;
    }

    /** A task that already ran: nothing to cancel or wait for. */
    private static final class Ran implements ScheduledFuture<Object> {
        static final Ran INSTANCE = new Ran();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
