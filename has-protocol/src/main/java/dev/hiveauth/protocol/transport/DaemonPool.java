package dev.hiveauth.protocol.transport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of daemon threads shared by every client of the JVM: at most {@code threads} at once, named
 * {@code name-1}, {@code name-2}…, none kept after a minute with nothing to do. Daemon, so that a program never
 * waits on the transport to exit.
 */
public final class DaemonPool {
    private DaemonPool() {
    }

    /** A pool of at most {@code threads} daemon threads named after {@code name}. */
    public static ExecutorService create(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
