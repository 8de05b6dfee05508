package dev.hiveauth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.testing.MutableClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Request nonces: increasing, even within one millisecond and across threads. */
class NoncesTest {
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
