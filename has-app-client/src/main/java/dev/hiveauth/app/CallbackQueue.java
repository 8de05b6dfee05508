package dev.hiveauth.app;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the client's callbacks (onWait, completing futures) one at a time on the user's executor, in the
 * order the client queued them: a request's prompt is always shown before its result arrives. Callbacks
 * are queued under the client's lock and run after it is released ({@link #flush()}), so user code never
 * runs inside the client's lock, even with a direct executor.
 */
final class CallbackQueue {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackQueue.class);

    private final Executor executor;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    CallbackQueue(Executor executor) {
        this.executor = executor;
    }

    synchronized void add(Runnable task) {
        tasks.add(task);
    }

    /** Starts running what is queued unless a drain is already under way (that drain picks it up). */
    void flush() {
        synchronized (this) {
            if (draining || tasks.isEmpty()) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The user's executor shut down: callbacks still must complete the futures.
            drain();
        }
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
                LOG.warn("a HasClient callback threw", e);
            }
        }
    }
}
