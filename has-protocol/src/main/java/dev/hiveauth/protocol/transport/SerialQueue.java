package dev.hiveauth.protocol.transport;

import java.util.ArrayDeque;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time in the order they were added, on whichever thread added a task while none was
 * running (that thread drains the queue, the others return at once). A socket's events come from I/O, timer
 * and dial threads; this gives its listener one ordered stream without a thread of its own, and never runs a
 * task while the socket's lock is held.
 */
final class SerialQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    /** Queues {@code task}; call {@link #drain()} once no lock is held. */
    synchronized void add(Runnable task) {
        tasks.add(task);
    }

    /** Runs what is queued, unless another thread is already doing so (it will run this too). */
    void drain() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
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
                LOG.warn("a connection listener failed", e);
            }
        }
    }
}
