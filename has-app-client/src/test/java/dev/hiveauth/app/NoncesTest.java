package dev.hiveauth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.protocol.testing.MutableClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Reconnect delays and request nonces. */
class BackoffAndNoncesTest {
    @Test
    void delaysDoubleUpToTheMaximumAndStayInTheUpperHalf() {
        Backoff lowest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
        Backoff highest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999_999);

        assertThat(IntStream.range(0, 8).mapToLong(lowest::delayMillis).toArray())
                .containsExactly(250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000);
        assertThat(IntStream.range(0, 8).mapToLong(highest::delayMillis).toArray())
                .containsExactly(499, 999, 1_999, 3_999, 7_999, 15_999, 29_999, 29_999);
        assertThat(lowest.delayMillis(1_000)).isEqualTo(15_000);
    }

    @Test
    void jitterSpreadsClientsThatFailedTogether() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Math::random);
        Set<Long> delays = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            delays.add(backoff.delayMillis(3));
        }
        assertThat(delays).hasSizeGreaterThan(10).allSatisfy(delay -> assertThat(delay).isBetween(4_000L, 8_000L));
    }

    @Test
    void aBackoffNeedsAPositiveStartBelowItsMaximum() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noncesAreTheClockInMillisecondsUnlessThatWouldNotIncrease() {
        MutableClock clock = new MutableClock(1_800_000_000_000L);
        Nonces nonces = new Nonces(clock);

        assertThat(nonces.next()).isEqualTo(1_800_000_000_000L);
        assertThat(nonces.next()).isEqualTo(1_800_000_000_001L);
        clock.advance(Duration.ofSeconds(1));
        assertThat(nonces.next()).isEqualTo(1_800_000_001_000L);
    }

    @Test
    void noncesTakenConcurrentlyAreAllDistinct() {
        Nonces nonces = new Nonces(new MutableClock(1_800_000_000_000L));
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 10_000).parallel().forEach(i -> seen.add(nonces.next()));
        assertThat(seen).hasSize(10_000);
    }
}
