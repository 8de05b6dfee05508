package dev.hiveauth.server.transport;

import java.util.ArrayDeque;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.memory.Buffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's frames to one connection, written straight to it — except requests forwarded to a wallet, which are
 * handed over only while its write queue has room (Grizzly's {@code canWrite}, bounded by
 * {@link WebSocketTransport#PACED_QUEUE_BYTES}) and otherwise wait here in order, as references to the frames the
 * relay holds for them anyway. Without it, a wallet registering while megabytes of requests waited for it got them all
 * queued at once, past the {@link OutboundGuard}'s per-socket bound, and was cut off as a slow reader however well it
 * read — over and over, at every reconnection. A wallet that does not read is still cut off as one, by the
 * transport's sweep, once requests have waited here and nothing was written to it for {@link #STALL_NANOS}.
 */
final class PacedFrames {
    static final long STALL_NANOS = 5_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(PacedFrames.class);

    private final Connection<?> connection;
    private final PeerChannel channel;
    private final String id;
    // Guarded by this: requests waiting for room, and whether Grizzly will say when there is some.
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private boolean drainAsked;
    @SuppressWarnings("rawtypes") // Grizzly's write wants the handler typed by the connection's address type
    private final EmptyCompletionHandler<WriteResult> sendFailures = new EmptyCompletionHandler<>() {
        @Override
        public void failed(Throwable throwable) {
            LOG.debug("{}: send failed: {}", id, throwable.toString());
        }
    };
    private final WriteHandler drain = new WriteHandler() {
        @Override
        public void onWritePossible() {
            synchronized (PacedFrames.this) {
                drainAsked = false;
                writeWhileRoom();
            }
        }

        @Override
        public void onError(Throwable t) {
            drop();
        }
    };

    PacedFrames(Connection<?> connection, PeerChannel channel, String id) {
        this.connection = connection;
        this.channel = channel;
        this.id = id;
    }

    /** Any frame but a forwarded request: straight to the connection, counted by the guard as it enters its queue. */
    void send(String text) {
        write(text);
    }

    /** A request for a wallet: now if there is room and nothing waits before it, else when the wallet has read more. */
    synchronized void forward(String heldFrame) {
        waiting.add(heldFrame);
        writeWhileRoom();
    }

    /** Forgets the requests still waiting (the connection is closing; they stay pending for the next wallet). */
    synchronized void drop() {
        waiting.clear();
        channel.forwardsWaitingSinceNanos = 0;
    }

    private void writeWhileRoom() {
        while (!waiting.isEmpty() && connection.canWrite()) {
            write(waiting.poll());
        }
        if (waiting.isEmpty()) {
            channel.forwardsWaitingSinceNanos = 0;
            return;
        }
        if (channel.forwardsWaitingSinceNanos == 0) {
            channel.forwardsWaitingSinceNanos = Math.max(1, System.nanoTime());
        }
        if (!drainAsked) {
            drainAsked = true;
            connection.notifyCanWrite(drain);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void write(String text) {
        Buffer frame = Buffers.wrap(connection.getMemoryManager(), TextFrames.frame(text));
        ((Connection) connection).write(frame, sendFailures);
    }
}
