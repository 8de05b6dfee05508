package dev.hiveauth.protocol.transport;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Timers} on one daemon thread for the whole JVM. A task that throws is logged and the thread goes on:
 * every client's keep-alive and reconnection depends on it.
 */
final class SharedTimers implements Timers {
    private static final Logger LOG = LoggerFactory.getLogger(SharedTimers.class);
    static final SharedTimers INSTANCE = new SharedTimers();

    private final ScheduledThreadPoolExecutor thread;

    private SharedTimers() {
        thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread timer = new Thread(runnable, "hiveauth-timer");
            timer.setDaemon(true);
            return timer;
        });
        // cancelled keep-alive and deadline tasks would otherwise stay queued until their time comes
        thread.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        ScheduledFuture<?> scheduled = thread.schedule(() -> runSafely(task), Math.max(0, delayMillis),
                TimeUnit.MILLISECONDS);
        return () -> scheduled.cancel(false);
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) { // NOPMD: the one timer thread must survive whatever a task does
            LOG.error("a timer task failed", e);
        }
    }
}
