package dev.hiveauth.server;

import dev.hiveauth.server.observe.LogBudget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's background work, every second on one daemon thread: expiring requests, closing overdue connections.
 * Each task runs on its own, and whatever one throws — an {@code Error} included — is logged and the next round runs
 * every task again: a sweep that died for good would leave requests waiting forever and slow peers unclosed. A task
 * failing round after round is logged once with its stack trace, then once a minute with a count.
 */
final class Sweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final Map<String, Runnable> tasks = new LinkedHashMap<>();
    private final Map<String, LogBudget> failureLogs = new LinkedHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread sweeper = new Thread(runnable, "has-sweeper");
        sweeper.setDaemon(true);
        return sweeper;
    });

    /** Adds a task, run each round in the order added. */
    Sweeper task(String what, Runnable task) {
        tasks.put(what, task);
        failureLogs.put(what, new LogBudget(1, Duration.ofMinutes(1), System::nanoTime, () -> { }));
        return this;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::runOnce, 1, 1, TimeUnit.SECONDS);
    }

    /** One round: every task, each whatever the others did. */
    void runOnce() {
        tasks.forEach((what, task) -> {
            try {
                task.run();
            } catch (Throwable e) { // NOPMD: whatever happened, the next round must still run
                failed(what, e);
            }
        });
    }

    private void failed(String what, Throwable e) {
        LogBudget log = failureLogs.get(what);
        if (!log.allow()) {
            return;
        }
        long since = log.takeSuppressed();
        if (since == 0) {
            LOG.error("{} failed; it runs again in a second", what, e);
        } else {
            LOG.error("{} failed again: {} ({} more failure(s) since the last line)", what, e.toString(), since);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
