package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reconnection delays double from the minimum up to the maximum, half of each delay random. */
class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(7));

    @Test
    void doublesWithJitterUpToTheMaximum() {
        long[] ceilings = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000};
        for (int failures = 0; failures < ceilings.length; failures++) {
            for (int draw = 0; draw < 200; draw++) {
                assertThat(backoff.delayMillis(failures)).as("after %d failures", failures)
                        .isBetween(ceilings[failures] / 2, ceilings[failures]);
            }
        }
    }

    @Test
    void theJitterSpreadsReconnections() {
        assertThat(java.util.stream.IntStream.range(0, 100).mapToLong(i -> backoff.delayMillis(3)).distinct().count())
                .isGreaterThan(50);
    }

    @Test
    void manyFailuresStayAtTheMaximum() {
        assertThat(backoff.delayMillis(Integer.MAX_VALUE)).isBetween(30_000L, 60_000L);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
