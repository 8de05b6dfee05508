package dev.hiveauth.it.hostile;

import dev.hiveauth.protocol.testing.RawWebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The attacker's threads and sockets: each member works until the deadline (an {@link IOException} ends it quietly,
 * since the relay closing an attacker's socket is the point); closing the crew closes every socket and waits for
 * every member. Any other failure of a member is the test's failure.
 */
final class Crew implements AutoCloseable {
    /** A member's work; it checks {@link Crew#working()} to stop at the deadline. */
    interface Work {
        void run() throws Exception;
    }

    private final long deadlineNanos;
    private final List<Thread> members = new CopyOnWriteArrayList<>(); // members start members
    private final List<RawWebSocket> held = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    Crew(Duration length) {
        this.deadlineNanos = System.nanoTime() + length.toNanos();
    }

    boolean working() {
        return System.nanoTime() - deadlineNanos < 0;
    }

    /** Keeps {@code socket} open until the crew closes. */
    RawWebSocket hold(RawWebSocket socket) {
        held.add(socket);
        return socket;
    }

    void start(String name, Work work) {
        Thread member = new Thread(() -> {
            try {
                work.run();
            } catch (IOException e) {
                // the relay closed this member's socket
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "mallory-" + name);
        member.setDaemon(true);
        members.add(member);
        member.start();
    }

    /** Sleeps {@code millis}, or less when the deadline comes first: the attacker's own pace. */
    void pause(long millis) throws InterruptedException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        Thread.sleep(Math.max(0, Math.min(millis, left)));
    }

    /**
     * Waits until every member finished its work or the deadline passed, whichever comes first (a member blocked on
     * a read ends when {@link #close()} closes its socket).
     */
    void awaitMembers() throws InterruptedException {
        for (Thread member : members) {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            member.join(left);
        }
    }

    @Override
    public void close() {
        held.forEach(RawWebSocket::close);
        try {
            for (Thread member : members) {
                member.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the attacker threads", e);
        }
        if (!failures.isEmpty()) {
            AssertionError failed = new AssertionError("an attacker thread failed", failures.get(0));
            failures.stream().skip(1).forEach(failed::addSuppressed);
            throw failed;
        }
    }
}
