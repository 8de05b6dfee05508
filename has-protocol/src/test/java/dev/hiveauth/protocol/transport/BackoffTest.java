package dev.hiveauth.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Reconnection delays double from the minimum up to the maximum, each drawn from the upper half of its ceiling. */
class BackoffTest {

    @Test
    void delaysDoubleUpToTheMaximumAndStayInTheUpperHalf() {
        Backoff lowest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
        Backoff highest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999_999);

        assertThat(IntStream.range(0, 8).mapToLong(lowest::delayMillis).toArray())
                .containsExactly(250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000);
        assertThat(IntStream.range(0, 8).mapToLong(highest::delayMillis).toArray())
                .containsExactly(499, 999, 1_999, 3_999, 7_999, 15_999, 29_999, 29_999);
        assertThat(lowest.delayMillis(Integer.MAX_VALUE)).isEqualTo(15_000);
    }

    @Test
    void jitterSpreadsClientsThatFailedTogether() {
        Random random = new Random(7);
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), random::nextDouble);
        assertThat(IntStream.range(0, 100).mapToLong(i -> backoff.delayMillis(3)).distinct().count()).isGreaterThan(50);
        assertThat(IntStream.range(0, 100).mapToLong(i -> backoff.delayMillis(3)))
                .allSatisfy(delay -> assertThat(delay).isBetween(4_000L, 8_000L));
    }

    @Test
    void aBackoffNeedsAPositiveStartBelowItsMaximum() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
