package dev.hiveauth.pksa;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet's "thread": tasks run one at a time, in the order submitted, on a pool that every wallet in the JVM
 * may share, so that a nonce is checked and recorded in one step without a thread per wallet. A task that throws
 * is logged and the next one runs.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;
    private boolean shutDown;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (shutDown) {
                throw new RejectedExecutionException("the wallet is closed");
            }
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    /** Refuses new tasks; what is queued still runs. */
    synchronized void shutDown() {
        shutDown = true;
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("a wallet task failed", e);
            }
        }
    }
}
