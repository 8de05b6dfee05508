package dev.hiveauth.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A log budget on a hand-moved clock: a burst, then one line per interval; what it leaves out is counted. */
class LogBudgetTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger suppressedMetric = new AtomicInteger();
    private final LogBudget budget = new LogBudget(3, Duration.ofSeconds(10), now::get, suppressedMetric::incrementAndGet);

    @Test
    void aBurstThenOneLinePerInterval_countingWhatIsLeftOut() {
        for (int i = 0; i < 3; i++) {
            assertThat(budget.allow()).isTrue();
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(budget.allow()).isFalse();
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(9));
        assertThat(budget.allow()).isFalse();
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(budget.allow()).isTrue();

        assertThat(budget.takeSuppressed()).isEqualTo(1_001);
        assertThat(budget.takeSuppressed()).as("reset once taken").isZero();
        assertThat(suppressedMetric).hasValue(1_001);
    }

    @Test
    void anIdleSourceGetsItsBurstBack_notMore() {
        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            allowed += budget.allow() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(3);
    }
}
