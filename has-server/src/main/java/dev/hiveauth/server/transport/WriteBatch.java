package dev.hiveauth.server.transport;

import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.MessageCloner;
import org.glassfish.grizzly.memory.CompositeBuffer;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;

/**
 * The frames sent while a selector thread handles one read, held and written together when the read is done: one
 * write, so one system call, per peer instead of one per frame. A read often brings several messages (an app keeps
 * many requests in flight, a wallet answers several at once), and each of them sends two or three frames.
 *
 * <p>Order is kept. Within a peer, frames go in the order they were sent. Across peers, the one whose read opened the
 * batch is written first: the relay answers an app's request with its {@code *_wait} before forwarding it to the
 * wallets, and a wallet must not be able to answer (and the relay pass the answer on) before that wait has left.
 * Held bytes are bounded: past {@link #FLUSH_BYTES} the batch is written at once, so a burst (a wallet registering
 * with many requests waiting) leaves in pieces as it would have without the batch, and what is queued for a peer that
 * does not read is still counted by the {@link OutboundGuard} above as it grows.
 */
final class WriteBatch {
    static final int FLUSH_BYTES = 64 * 1024;
    private static final ThreadLocal<WriteBatch> OPEN = new ThreadLocal<>();

    private final Connection<?> reading;
    /**
     * False when the relay also sends from threads that handle no read (a store on Redis answers on its client's
     * threads): a frame sent from one of those would leave ahead of the frames a read holds for the same socket, so
     * nothing is held and every frame leaves in the order it was sent, whichever thread sent it.
     */
    final boolean holds;
    private List<Held> held = new ArrayList<>(4);
    private int heldBytes;

    private WriteBatch(Connection<?> reading, boolean holds) {
        this.reading = reading;
        this.holds = holds;
    }

    /** Opens a batch on this thread for the read of {@code reading}; null when one is open already. */
    static WriteBatch open(Connection<?> reading, boolean holds) {
        if (OPEN.get() != null) {
            return null;
        }
        WriteBatch batch = new WriteBatch(reading, holds);
        OPEN.set(batch);
        return batch;
    }

    /** The batch open on this thread, if any. */
    static WriteBatch current() {
        return OPEN.get();
    }

    /** The connection whose read this thread handles, if it handles one. */
    static Connection<?> readingConnection() {
        WriteBatch batch = OPEN.get();
        return batch == null ? null : batch.reading;
    }

    /** Writes what this thread holds now: a connection about to close must see its last frames (a close frame) leave first. */
    static void flushCurrent() {
        WriteBatch batch = OPEN.get();
        if (batch != null) {
            batch.flush();
        }
    }

    /** Writes what is held and closes the batch; later writes on this thread go straight out. */
    void close() {
        try {
            flush();
        } finally {
            OPEN.remove();
        }
    }

    void hold(Connection<?> connection, Buffer frame, CompletionHandler<WriteResult<?, ?>> handler) {
        Held entry = null;
        for (Held candidate : held) {
            if (candidate.connection == connection) {
                entry = candidate;
                break;
            }
        }
        if (entry == null) {
            entry = new Held(connection);
            if (connection == reading) {
                held.add(0, entry);
            } else {
                held.add(entry);
            }
        }
        entry.add(frame, handler);
        heldBytes += frame.remaining();
        if (heldBytes > FLUSH_BYTES) {
            flush();
        }
    }

    /**
     * Writes each peer's frames in one write. The list is swapped out first: a completion handler run inside a write
     * may send again, and that goes into a fresh list (written by the caller's next flush or the close).
     */
    void flush() {
        while (!held.isEmpty()) {
            List<Held> writing = held;
            held = new ArrayList<>(4);
            heldBytes = 0;
            for (Held entry : writing) {
                entry.write();
            }
        }
    }

    /** The frames held for one connection, with the handler each write was given. */
    private static final class Held {
        final Connection<?> connection;
        private Buffer first;
        private CompletionHandler<WriteResult<?, ?>> firstHandler;
        private List<Buffer> frames;
        private List<CompletionHandler<WriteResult<?, ?>>> handlers;

        Held(Connection<?> connection) {
            this.connection = connection;
        }

        void add(Buffer frame, CompletionHandler<WriteResult<?, ?>> handler) {
            if (first == null) {
                first = frame;
                firstHandler = handler;
                return;
            }
            if (frames == null) {
                frames = new ArrayList<>(4);
                handlers = new ArrayList<>(4);
                frames.add(first);
                handlers.add(firstHandler);
            }
            frames.add(frame);
            handlers.add(handler);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void write() {
            TCPNIOTransport transport = (TCPNIOTransport) connection.getTransport();
            Buffer buffer;
            CompletionHandler handler;
            if (frames == null) {
                buffer = first;
                handler = firstHandler;
            } else {
                CompositeBuffer joined = CompositeBuffer.newBuffer(transport.getMemoryManager());
                for (Buffer frame : frames) {
                    joined.append(frame);
                }
                buffer = joined;
                handler = new EachHandler(handlers);
            }
            transport.getAsyncQueueIO().getWriter().write((Connection) connection, null, buffer, handler,
                    (MessageCloner) null);
        }
    }

    /** Tells each frame's own handler how the joined write went. */
    private record EachHandler(List<CompletionHandler<WriteResult<?, ?>>> handlers)
            implements CompletionHandler<WriteResult<?, ?>> {
        @Override
        public void cancelled() {
            for (CompletionHandler<WriteResult<?, ?>> handler : handlers) {
                if (handler != null) {
                    handler.cancelled();
                }
            }
        }

        @Override
        public void failed(Throwable throwable) {
            for (CompletionHandler<WriteResult<?, ?>> handler : handlers) {
                if (handler != null) {
                    handler.failed(throwable);
                }
            }
        }

        @Override
        public void completed(WriteResult<?, ?> result) {
            for (CompletionHandler<WriteResult<?, ?>> handler : handlers) {
                if (handler != null) {
                    handler.completed(result);
                }
            }
        }

        @Override
        public void updated(WriteResult<?, ?> result) {
            // partial progress of the joined write says nothing about one frame
        }
    }
}
