package dev.hiveauth.server.relay;

import dev.hiveauth.server.observe.LogBudget;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The log budgets of connections: each may write 5 lines, then one every 10 s; all together 50, then 5 a second.
 * Lines left out are counted by the metrics ({@code has_log_suppressed_total}).
 */
final class PeerLogs {
    private final LongSupplier nanoTime;
    private final Runnable onSuppressed;
    private final LogBudget everyone;

    PeerLogs(LongSupplier nanoTime, Runnable onSuppressed) {
        this.nanoTime = nanoTime;
        this.onSuppressed = onSuppressed;
        this.everyone = new LogBudget(50, Duration.ofMillis(200), nanoTime, onSuppressed);
    }

    PeerLog forPeer(String id) {
        return new PeerLog(id, new LogBudget(5, Duration.ofSeconds(10), nanoTime, onSuppressed), everyone);
    }
}
