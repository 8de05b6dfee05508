package dev.hiveauth.protocol.transport;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order they were added, on a pool that need not be single-threaded: what a
 * component with no thread of its own needs to see its events in order. A wallet decides on one (over the pool every
 * wallet shares), an application client runs its callbacks on one (over the user's executor), and a
 * {@link RelaySocket} delivers its events through one that runs on whichever thread brings them.
 *
 * <p>{@link #add} queues without starting, so that a component can queue under its own lock and {@link #flush}
 * after releasing it: no task ever runs inside that lock, even on a pool that runs tasks at once. A task that throws
 * is logged and the next one runs. When the pool refuses the work (it was shut down), the queue is drained on the
 * caller's thread instead: what is queued completes futures someone waits on.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;
    private boolean shutDown;

    /** Runs its tasks on {@code pool}, one at a time. */
    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    /** Queues {@code task} and starts the queue if it is idle. */
    @Override
    public void execute(Runnable task) {
        add(task);
        flush();
    }

    /**
     * Queues {@code task} without starting it; {@link #flush()} once no lock is held.
     *
     * @throws RejectedExecutionException after {@link #shutDown()}
     */
    public synchronized void add(Runnable task) {
        if (shutDown) {
            throw new RejectedExecutionException("shut down");
        }
        tasks.add(task);
    }

    /** Starts running what is queued, unless it is already running (that run takes it too). */
    public void flush() {
        synchronized (this) {
            if (draining || tasks.isEmpty()) {
                return;
            }
            draining = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain();
        }
    }

    /** Refuses new tasks; those queued still run. */
    public synchronized void shutDown() {
        shutDown = true;
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    draining = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a queued task failed", e);
            }
        }
    }
}
