package dev.hiveauth.bench.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The open loop's window opens only once the closed-loop warm-up's keys have expired from Redis. */
class ClusterPhaseWarmUpTest {
    @Test
    void aShortWarmUpIsRaisedUntilTheWarmUpsKeysAreGone() {
        // a uuid's account lives 2 x (60 s + 5 s); 20 s more for Redis to get through them
        assertThat(ClusterPhase.rateWarmup(Duration.ofSeconds(70), Duration.ofSeconds(60)))
                .isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void aLongEnoughWarmUpIsKeptAsAsked() {
        assertThat(ClusterPhase.rateWarmup(Duration.ofSeconds(70), Duration.ofSeconds(20)))
                .isEqualTo(Duration.ofSeconds(70));
        assertThat(ClusterPhase.rateWarmup(Duration.ofSeconds(10), Duration.ofSeconds(20)))
                .isEqualTo(Duration.ofSeconds(70));
        assertThat(ClusterPhase.rateWarmup(Duration.ofSeconds(200), Duration.ofSeconds(60)))
                .isEqualTo(Duration.ofSeconds(200));
    }
}
