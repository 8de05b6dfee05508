package dev.hiveauth.bench.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The open loop's window opens only once the closed-loop warm-up's keys have expired from Redis. */
class ClusterPhaseWarmUpTest {
    @Test
    void aShortWarmUpIsRaisedUntilTheWarmUpsKeysAreGone() {
        // a uuid's account lives 2 x (60 s + 5 s); 5 s more for Redis to get to them
        assertThat(ClusterPhase.rateWarmup(Duration.ofSeconds(70), Duration.ofSeconds(60)))
                .isEqualTo(Duration.ofSeconds(135));
    }

    @Test
    void aLongEnoughWarmUpIsKeptAsAsked() {
        assertThat(ClusterPhase.rateWarmup(Duration.ofSeconds(70), Duration.ofSeconds(20)))
                .isEqualTo(Duration.ofSeconds(70));
        assertThat(ClusterPhase.rateWarmup(Duration.ofSeconds(200), Duration.ofSeconds(60)))
                .isEqualTo(Duration.ofSeconds(200));
    }
}
