package dev.hiveauth.server;

import java.time.Duration;

/**
 * How the relay spends the Hive nodes' patience (see {@link HiveLookups}). The defaults: 20 calls a second at most
 * (one every 50 ms), 4 out at once, 100 names a call, 10,000 names queued, 10 s in the queue at most. At 100 names a
 * call that is 2,000 accounts a second — ten times what a relay of 100,000 wallets reconnecting in a minute needs —
 * while a public node sees no more than a busy web page's worth of calls from it.
 *
 * @param callSpacing the least time between two calls' starts
 * @param callsInFlight calls sent and not answered yet, at most
 * @param namesPerCall account names in one {@code get_accounts} call, at most
 * @param queuedNames names waiting for a call, at most; a lookup that does not fit is refused as busy
 * @param maxQueueWait how long a name may wait for its call before its lookup is refused as busy
 */
record HiveLookupLimits(Duration callSpacing, int callsInFlight, int namesPerCall, int queuedNames,
                        Duration maxQueueWait) {
    static final HiveLookupLimits DEFAULT = new HiveLookupLimits(Duration.ofMillis(50), 4, 100, 10_000,
            Duration.ofSeconds(10));

    HiveLookupLimits {
        if (callSpacing.isNegative() || callsInFlight <= 0 || namesPerCall <= 0 || queuedNames <= 0
                || maxQueueWait.isNegative() || maxQueueWait.isZero()) {
            throw new IllegalArgumentException("Hive lookup limits must be positive");
        }
    }

    /** These limits with at most {@code callsPerSecond} calls a second. */
    HiveLookupLimits withCallsPerSecond(int callsPerSecond) {
        if (callsPerSecond <= 0) {
            throw new IllegalArgumentException("calls per second must be positive");
        }
        return new HiveLookupLimits(Duration.ofNanos(1_000_000_000L / callsPerSecond), callsInFlight, namesPerCall,
                queuedNames, maxQueueWait);
    }
}
