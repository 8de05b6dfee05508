package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LimitsTest {
    @Test
    void theDefaultsAreThoseOfSpecSectionOne() {
        assertThat(Limits.DEFAULT.maxFrameBytes()).isEqualTo(256 * 1024);
        assertThat(Limits.DEFAULT.maxPendingPerSocket()).isEqualTo(100);
        assertThat(Limits.DEFAULT.maxAccountsPerSocket()).isEqualTo(1_000);
        assertThat(Limits.DEFAULT.messagesPerSecond()).isEqualTo(50);
        assertThat(Limits.DEFAULT.messageBurst()).isEqualTo(200);
    }

    @Test
    void eachWithChangesOneLimitAndNonsenseIsRefused() {
        Limits changed = Limits.DEFAULT.withMaxPendingPerSocket(7);
        assertThat(changed.maxPendingPerSocket()).isEqualTo(7);
        assertThat(changed).isEqualTo(new Limits(256 * 1024, 7, 1_000, 50, 200, 100, 50_000, 250_000,
                256L * 1024 * 1024, 1_000_000));
        assertThatThrownBy(() -> Limits.DEFAULT.withRate(0, 10)).hasMessage("messagesPerSecond must be positive");
        assertThatThrownBy(() -> Limits.DEFAULT.withMaxFrameBytes(0)).hasMessage("maxFrameBytes must be positive");
    }
}
