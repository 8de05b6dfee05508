package dev.hiveauth.bench.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcThreadsTest {
    @Test
    void countsThisProcesssThreadsTimeOnAndWaitingForACore() throws Exception {
        long pid = ProcessHandle.current().pid();
        ProcThreads.Reading before = ProcThreads.read(pid);
        CountDownLatch woken = new CountDownLatch(50);
        CountDownLatch read = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    Thread.sleep(1);
                    woken.countDown();
                }
                read.await(); // alive until read: a thread that ended takes its counts with it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "proc-threads-sleeper");
        sleeper.start();
        assertThat(woken.await(30, TimeUnit.SECONDS)).isTrue();
        ProcThreads.Reading after = ProcThreads.read(pid);
        read.countDown();
        sleeper.join();

        // each wake-up from a sleep puts the thread on a core again, and is a voluntary switch
        assertThat(after.timeslices() - before.timeslices()).isGreaterThanOrEqualTo(50);
        assertThat(after.contextSwitches() - before.contextSwitches()).isGreaterThanOrEqualTo(50);
        assertThat(after.runDelayNanos()).isGreaterThanOrEqualTo(before.runDelayNanos());
        assertThat(after.cpuNanosByKind()).containsKey("proc-threads-sl");
    }
}
