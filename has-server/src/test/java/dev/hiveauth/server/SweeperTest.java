package dev.hiveauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The background sweep outlives whatever a task throws, an {@code Error} included (the whole server:
 * {@code SweepAfterErrorIT}).
 */
class SweeperTest {

    @Test
    void aTaskThatThrowsAnError_runsAgainNextRound_andTheOthersRunAnyway() {
        AtomicInteger failing = new AtomicInteger();
        AtomicInteger healthy = new AtomicInteger();
        try (Sweeper sweeper = new Sweeper()
                .task("failing", () -> {
                    failing.incrementAndGet();
                    throw new OutOfMemoryError("simulated");
                })
                .task("healthy", healthy::incrementAndGet)) {
            sweeper.runOnce();
            sweeper.runOnce();
            sweeper.runOnce();
        }
        assertThat(failing).hasValue(3);
        assertThat(healthy).hasValue(3);
    }
}
