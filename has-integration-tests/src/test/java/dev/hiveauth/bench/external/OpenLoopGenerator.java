package dev.hiveauth.bench.external;

import java.io.IOException;
import java.time.Duration;

/**
 * A {@link LoadGenerator} whose {@link #start} begins an open loop: its APPs send requests at a fixed rate on a
 * schedule, answered or not, and each latency counts from when its request was due. The cluster phase drives one at
 * {@code bench.rate}, after a closed loop has warmed the relay up.
 */
interface OpenLoopGenerator extends LoadGenerator {
    /**
     * Runs a closed loop for {@code length}, then waits up to {@code drainTimeout} for its last answers: the relay's
     * JIT at work before the open loop starts (a cold cluster node at the full rate at once times its Redis commands
     * out in its first seconds). Nothing of it is measured; its requests are judged with the rest.
     */
    void warmUp(Duration length, Duration drainTimeout) throws IOException, InterruptedException;

    /** How late the sender got behind its schedule at worst; final once drained. */
    long maxSendLagNanos();
}
