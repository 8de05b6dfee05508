package dev.hiveauth.pksa;

import dev.hiveauth.protocol.transport.DaemonPool;
import java.util.concurrent.Executor;

/**
 * The threads wallets decide, sign and write their state on, shared by every wallet in the JVM: as many as the
 * machine has cores (at least two), none while nothing runs. Each wallet takes them one task at a time through
 * its own serial executor, so one more wallet, or one more relay, costs no thread.
 */
final class WalletThreads {
    private static final Executor SHARED = DaemonPool.create("hiveauth-wallet",
            Math.max(2, Runtime.getRuntime().availableProcessors()));

    private WalletThreads() {
    }

    static Executor shared() {
        return SHARED;
    }
}
