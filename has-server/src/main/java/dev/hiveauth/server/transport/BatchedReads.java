package dev.hiveauth.server.transport;

import java.io.IOException;
import java.util.concurrent.Executor;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.IOStrategy;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * Grizzly's same-thread strategy (frames are handled on the selector thread that read them: nothing the relay does
 * there waits, so a hand-off to a worker thread per read was only a queue and a wake-up) with a {@link WriteBatch}
 * open around each read, so that what the read makes the relay send leaves in one write per peer — or, when the relay
 * also sends from other threads, a batch that holds nothing and only tells which connection the thread reads.
 */
@SuppressWarnings("rawtypes") // Grizzly's IOStrategy declares its methods with the raw Connection
final class BatchedReads implements IOStrategy {
    private final IOStrategy sameThread = SameThreadIOStrategy.getInstance();
    private final boolean holdFrames;

    /** {@code holdFrames}: whether a read's frames wait for its end (see {@link WriteBatch}). */
    BatchedReads(boolean holdFrames) {
        this.holdFrames = holdFrames;
    }

    @Override
    public boolean executeIoEvent(Connection connection, IOEvent ioEvent) throws IOException {
        return executeIoEvent(connection, ioEvent, true);
    }

    @Override
    public boolean executeIoEvent(Connection connection, IOEvent ioEvent, boolean isIoEventEnabled) throws IOException {
        WriteBatch batch = ioEvent == IOEvent.READ ? WriteBatch.open(connection, holdFrames) : null;
        if (batch == null) {
            return sameThread.executeIoEvent(connection, ioEvent, isIoEventEnabled);
        }
        try {
            return sameThread.executeIoEvent(connection, ioEvent, isIoEventEnabled);
        } finally {
            batch.close();
        }
    }

    @Override
    public Executor getThreadPoolFor(Connection connection, IOEvent ioEvent) {
        return sameThread.getThreadPoolFor(connection, ioEvent);
    }

    @Override
    public ThreadPoolConfig createDefaultWorkerPoolConfig(Transport transport) {
        return sameThread.createDefaultWorkerPoolConfig(transport);
    }
}
