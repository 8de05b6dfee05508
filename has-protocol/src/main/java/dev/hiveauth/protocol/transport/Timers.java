package dev.hiveauth.protocol.transport;

/**
 * Time as the client transport sees it: a monotonic millisecond count and tasks run after a delay. The
 * production timers are one daemon thread for the whole JVM ({@link #shared()}), so a thousand clients cost
 * one thread; tests move a hand-driven implementation instead of sleeping. Tasks must not block: they run
 * one after another on that thread.
 */
public interface Timers {

    /** Milliseconds from an arbitrary origin, never going backwards; only differences mean something. */
    long nowMillis();

    /** Runs {@code task} once, {@code delayMillis} from now (at once when zero or negative). */
    Cancellable schedule(long delayMillis, Runnable task);

    /** A scheduled task that can still be called off. */
    interface Cancellable {
        /** Calls the task off if it has not run yet; harmless afterwards. */
        void cancel();
    }

    /** The JVM-wide timer thread every client shares. */
    static Timers shared() {
        return SharedTimers.INSTANCE;
    }
}
