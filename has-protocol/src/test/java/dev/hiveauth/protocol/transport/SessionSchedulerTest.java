package dev.hiveauth.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionSchedulerTest {
    private final SessionScheduler scheduler = new SessionScheduler();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aTaskDueNow_runsAtOnceOnTheCallersThread_withoutQueueingAnything() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        ScheduledFuture<?> future = scheduler.schedule(() -> ranOn.set(Thread.currentThread()), 0, TimeUnit.MILLISECONDS);

        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(future.isDone()).isTrue();
        assertThat(future.cancel(false)).as("nothing left to cancel").isFalse();
        assertThat(scheduler.getQueue()).isEmpty();
    }

    @Test
    void aTaskWithADelay_runsLaterOnTheTimerThread_andACancelledOneLeavesTheQueue() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        scheduler.schedule(() -> ranOn.set(Thread.currentThread()), 10, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> ranOn.get() != null);
        assertThat(ranOn.get().getName()).isEqualTo("has-session-timer");

        ScheduledFuture<?> idleCheck = scheduler.schedule(() -> { }, 1, TimeUnit.DAYS);
        assertThat(scheduler.getQueue()).hasSize(1);
        idleCheck.cancel(false);
        assertThat(scheduler.getQueue()).as("removed on cancel, not left for a day").isEmpty();
    }
}
