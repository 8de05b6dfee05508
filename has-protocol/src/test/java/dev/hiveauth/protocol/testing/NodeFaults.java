package dev.hiveauth.protocol.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ways a test has told a {@link FakeHiveNode} to misbehave, read by its HTTP threads on each request:
 * answer late, hold answers until released, answer with an HTTP error, with broken JSON, not at all
 * (before or after handling the request), or lack some API methods.
 */
final class NodeFaults {
    /** What the node sends once it gets to answering. */
    enum Answer {
        NORMAL, HTTP_STATUS, MALFORMED_JSON, DROP_CONNECTION, LOSE_ANSWER
    }

    private volatile Duration delay = Duration.ZERO;
    private volatile CountDownLatch hold;
    private final AtomicInteger held = new AtomicInteger();
    private volatile Answer answer = Answer.NORMAL;
    private volatile int status;
    private final Set<String> disabledMethods = ConcurrentHashMap.newKeySet();

    void delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        this.delay = delay;
    }

    synchronized void hold() {
        if (hold == null) {
            hold = new CountDownLatch(1);
        }
    }

    synchronized void release() {
        if (hold != null) {
            hold.countDown();
            hold = null;
        }
    }

    int held() {
        return held.get();
    }

    void answer(Answer answer, int status) {
        this.answer = Objects.requireNonNull(answer, "answer");
        this.status = status;
    }

    Answer answer() {
        return answer;
    }

    int status() {
        return status;
    }

    void disable(String method) {
        disabledMethods.add(Objects.requireNonNull(method, "method"));
    }

    boolean isDisabled(String method) {
        return disabledMethods.contains(method);
    }

    /** Back to a healthy node; held answers go out. */
    void clear() {
        delay = Duration.ZERO;
        answer = Answer.NORMAL;
        disabledMethods.clear();
        release();
    }

    /** Runs on the request's thread before it is answered: the delay, then the hold if there is one. */
    void stall() throws InterruptedException {
        Duration wait = delay;
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis());
        }
        CountDownLatch latch = hold;
        if (latch != null) {
            held.incrementAndGet();
            try {
                latch.await();
            } finally {
                held.decrementAndGet();
            }
        }
    }
}
