package dev.hiveauth.pksa;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads wallets decide, sign and write their state on, shared by every wallet in the JVM: as many as the
 * machine has cores (at least two), none while nothing runs. Each wallet takes them one task at a time through
 * its own {@link SerialExecutor}, so one more wallet, or one more relay, costs no thread.
 */
final class WalletThreads {
    private static final Executor SHARED = create();

    private WalletThreads() {
    }

    static Executor shared() {
        return SHARED;
    }

    private static Executor create() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "hiveauth-wallet-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
