package dev.hiveauth.protocol.testing;

import dev.hiveauth.protocol.transport.Timers;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * {@link Timers} a test moves by hand: nothing runs until {@link #advance(Duration)}, which runs every task that
 * falls due, in time order, on the test's thread. Keep-alive, deadlines and backoff are tested without sleeping
 * and without waiting out a quiet window: a task that is not due has not run, whatever the machine's load.
 */
public final class ManualTimers implements Timers {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now;
    private long sequence;

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(long delayMillis, Runnable task) {
        Task scheduled = new Task(now + Math.max(0, delayMillis), sequence++, task);
        tasks.add(scheduled);
        return () -> {
            synchronized (ManualTimers.this) {
                tasks.remove(scheduled);
            }
        };
    }

    /** Moves time on by {@code duration}, running each task as its time comes. */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = now + duration.toMillis();
        }
        while (true) {
            Task due;
            synchronized (this) {
                due = tasks.peek();
                if (due == null || due.dueMillis > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = due.dueMillis;
            }
            due.task.run();
        }
    }

    /** Runs what is due now (tasks scheduled with no delay). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** How many tasks wait for their time. */
    public synchronized int scheduled() {
        return tasks.size();
    }

    private record Task(long dueMillis, long sequence, Runnable task) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(dueMillis, other.dueMillis);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
