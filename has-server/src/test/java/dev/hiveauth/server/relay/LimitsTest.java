package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LimitsTest {
    private static final long MIB = 1024L * 1024;

    /** SPEC §1's frame and account limits; the APP socket's limits sized for a backend (README, Decisions). */
    @Test
    void theDefaultsAreTheOnesTheReadmeDocuments() {
        assertThat(Limits.DEFAULT.maxFrameBytes()).isEqualTo(256 * 1024);
        assertThat(Limits.DEFAULT.maxPendingPerSocket()).isEqualTo(1_000);
        assertThat(Limits.DEFAULT.maxPendingBytesPerSocket()).isEqualTo(16 * MIB);
        assertThat(Limits.DEFAULT.maxAccountsPerSocket()).isEqualTo(1_000);
        assertThat(Limits.DEFAULT.messagesPerSecond()).isEqualTo(100);
        assertThat(Limits.DEFAULT.messageBurst()).isEqualTo(1_000);
        assertThat(Limits.DEFAULT.abuseBudget()).isEqualTo(100);
        assertThat(Limits.DEFAULT.maxConnections()).isEqualTo(50_000);
        assertThat(Limits.DEFAULT.maxPendingTotal()).isEqualTo(250_000);
        assertThat(Limits.DEFAULT.maxPendingBytes()).isEqualTo(256 * MIB);
        assertThat(Limits.DEFAULT.maxRegistrationsTotal()).isEqualTo(1_000_000);
    }

    @Test
    void eachWithChangesOneLimitAndNonsenseIsRefused() {
        Limits changed = Limits.DEFAULT.withMaxPendingPerSocket(7);
        assertThat(changed.maxPendingPerSocket()).isEqualTo(7);
        assertThat(changed).isEqualTo(new Limits(256 * 1024, 7, 16 * MIB, 1_000, 100, 1_000, 100, 50_000, 250_000,
                256 * MIB, 1_000_000));
        assertThat(Limits.DEFAULT.withMaxPendingBytesPerSocket(MIB).maxPendingBytesPerSocket()).isEqualTo(MIB);
        assertThatThrownBy(() -> Limits.DEFAULT.withRate(0, 10)).hasMessage("messagesPerSecond must be positive");
        assertThatThrownBy(() -> Limits.DEFAULT.withMaxFrameBytes(0)).hasMessage("maxFrameBytes must be positive");
    }

    @Test
    void thePerSocketByteBudgetHoldsAtLeastOneFrameAndNoMoreThanTheWholeServer() {
        assertThatThrownBy(() -> Limits.DEFAULT.withMaxPendingBytesPerSocket(0))
                .hasMessage("maxPendingBytesPerSocket must be positive");
        assertThatThrownBy(() -> Limits.DEFAULT.withMaxPendingBytesPerSocket(256 * 1024 - 1))
                .hasMessage("maxPendingBytesPerSocket must hold at least one frame");
        assertThatThrownBy(() -> Limits.DEFAULT.withMaxPendingBytesPerSocket(256 * MIB + 1))
                .hasMessage("maxPendingBytesPerSocket must not exceed maxPendingBytes");

        assertThat(Limits.DEFAULT.withMaxFrameBytes(32 * (int) MIB).maxPendingBytesPerSocket())
                .as("grows to hold the larger frame").isEqualTo(32 * MIB);
        assertThat(Limits.DEFAULT.withPendingTotal(10, 4 * MIB).maxPendingBytesPerSocket())
                .as("comes down to the smaller total").isEqualTo(4 * MIB);
    }
}
