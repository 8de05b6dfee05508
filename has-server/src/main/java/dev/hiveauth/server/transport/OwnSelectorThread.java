package dev.hiveauth.server.transport;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.nio.NIOTransport;
import org.glassfish.grizzly.nio.SelectorRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what the relay sends to one connection on the selector thread that reads it, in the order it was sent.
 *
 * <p>Why: a thread handling a read holds the frames it sends until the read is done ({@link WriteBatch}). A frame
 * sent meanwhile from another thread (a shared store's answer on its client's thread, a key lookup's, the sweeper's)
 * used to go straight out, ahead of the held ones: through a cluster on Redis, a {@code *_wait} could overtake the
 * waits before it, and a reply its own wait. Handed to the connection's own thread, it runs after that thread's read,
 * so after its batch is written. The relay's order of sends (the {@code Outbox}'s, a registration's) is the order
 * frames are written. Forwards keep their pace too: {@link PacedFrames} asks the write queue for room on the thread
 * that writes, and nothing waits out of its sight.
 *
 * <p>Sends from the connection's own thread run at once unless earlier ones still wait here. Waiting sends run in
 * turns of at most {@link #TURN} with a batch open around them, so a burst leaves in one write, and a connection
 * that keeps being sent to does not hold its thread from the others it serves.
 */
final class OwnSelectorThread implements Executor {
    static final int TURN = 256;
    private static final Logger LOG = LoggerFactory.getLogger(OwnSelectorThread.class);

    private final NIOConnection connection;
    /** Sends handed over and not run yet; made at the first, as most connections never need it. Guarded by this. */
    private ArrayDeque<Runnable> waiting;
    private boolean turnAsked; // guarded by this

    OwnSelectorThread(NIOConnection connection) {
        this.connection = connection;
    }

    @Override
    public void execute(Runnable send) {
        SelectorRunner runner = connection.getSelectorRunner();
        if (runner == null) { // no selector reads it (it closed early), so no batch holds frames for it
            runSafely(send);
            return;
        }
        synchronized (this) {
            if (waiting != null && !waiting.isEmpty() || runner.getRunnerThread() != Thread.currentThread()) {
                if (waiting == null) {
                    waiting = new ArrayDeque<>(4);
                }
                waiting.add(send);
                if (!turnAsked) {
                    turnAsked = true;
                    askForTurn(runner);
                }
                return;
            }
        }
        runSafely(send);
    }

    private void askForTurn(SelectorRunner runner) {
        ((NIOTransport) connection.getTransport()).getSelectorHandler().enque(runner, this::takeTurn, null);
    }

    /** Runs what waits, up to {@link #TURN} sends, in one batch; asks for another turn if more is left. */
    private boolean takeTurn() {
        WriteBatch batch = WriteBatch.open(connection);
        try {
            for (int i = 0; i < TURN; i++) {
                Runnable next;
                synchronized (this) {
                    next = waiting.poll();
                    if (next == null) {
                        turnAsked = false;
                        return true;
                    }
                }
                runSafely(next);
            }
        } finally {
            if (batch != null) {
                batch.close();
            }
        }
        synchronized (this) {
            if (waiting.isEmpty()) {
                turnAsked = false;
            } else if (connection.getSelectorRunner() == null) { // it closed: what waits would be dropped anyway
                waiting.clear();
                turnAsked = false;
            } else {
                askForTurn(connection.getSelectorRunner()); // from its own thread: the next round of its loop
            }
        }
        return true;
    }

    private void runSafely(Runnable send) {
        try {
            send.run();
        } catch (RuntimeException e) {
            // a send never throws by design; if one did, the selector thread must go on serving every other peer
            LOG.warn("a send to {} failed: {}", connection, e.toString());
        }
    }
}
