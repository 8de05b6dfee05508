package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.testing.MutableClock;
import dev.hiveauth.server.relay.MessageRate.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MessageRateTest {
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    /** One message a second, no burst beyond it, one refusal before closing; at most 3 requests waiting. */
    private final Limits limits = Limits.DEFAULT.withRate(1, 1).withAbuseBudget(1).withPendingTotal(3, 1024 * 1024);

    @Test
    void eachForwardedRequestLetsOneReplyThroughWithoutARateToken() {
        MessageRate rate = new MessageRate(limits, clock);
        rate.requestForwarded();
        rate.requestForwarded();
        assertThat(rate.admit(false)).isEqualTo(Verdict.ALLOW); // the one token
        assertThat(rate.admit(true)).isEqualTo(Verdict.ALLOW);
        assertThat(rate.admit(true)).isEqualTo(Verdict.ALLOW);
        assertThat(rate.admit(true)).as("no credit left, no token").isEqualTo(Verdict.REFUSE);
        assertThat(rate.admit(true)).isEqualTo(Verdict.CLOSE);
    }

    @Test
    void otherFramesTakeRateTokensEvenWhenCreditsAreThere() {
        MessageRate rate = new MessageRate(limits, clock);
        rate.requestForwarded();
        assertThat(rate.admit(false)).isEqualTo(Verdict.ALLOW);
        assertThat(rate.admit(false)).isEqualTo(Verdict.REFUSE);
        assertThat(rate.admit(true)).as("the credit is still there").isEqualTo(Verdict.ALLOW);
    }

    @Test
    void creditsStopAtTheMostRequestsTheServerCanHoldAtOnce() {
        MessageRate rate = new MessageRate(limits, clock);
        for (int i = 0; i < 10; i++) {
            rate.requestForwarded();
        }
        assertThat(rate.admit(false)).isEqualTo(Verdict.ALLOW); // spend the token: only credits remain
        for (int i = 0; i < 3; i++) {
            assertThat(rate.admit(true)).as("credit %d of 3", i + 1).isEqualTo(Verdict.ALLOW);
        }
        assertThat(rate.admit(true)).isEqualTo(Verdict.REFUSE);

        clock.advance(Duration.ofSeconds(1));
        assertThat(rate.admit(true)).as("a token again, a second later").isEqualTo(Verdict.ALLOW);
    }
}
