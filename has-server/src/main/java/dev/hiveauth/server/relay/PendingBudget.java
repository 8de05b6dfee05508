package dev.hiveauth.server.relay;

import java.util.concurrent.atomic.AtomicLong;

/** The bytes of request and reply frames the server holds at once, against {@link Limits#maxPendingBytes()}. */
final class PendingBudget {
    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    PendingBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes {@code bytes} if they fit; false (nothing taken) if not. */
    boolean tryReserve(long bytes) {
        while (true) {
            long current = used.get();
            if (current + bytes > maxBytes) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
