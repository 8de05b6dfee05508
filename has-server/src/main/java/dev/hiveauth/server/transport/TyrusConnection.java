package dev.hiveauth.server.transport;

import dev.hiveauth.server.relay.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.tyrus.core.TyrusSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Connection} over a Tyrus session; sends are asynchronous so a slow peer never blocks the relay. Text frames
 * are written straight to the session's Grizzly connection when it is known (see {@link TextFrames}): the way Tyrus
 * writes them too, minus its encoder. Tyrus still reads, answers pings and closes.
 */
final class TyrusConnection implements Connection {
    private static final Logger LOG = LoggerFactory.getLogger(TyrusConnection.class);
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private final Session session;
    private final org.glassfish.grizzly.Connection<?> grizzly;
    private final String id = "c" + NEXT_ID.getAndIncrement();
    @SuppressWarnings("rawtypes") // Grizzly's write wants the handler typed by the connection's address type
    private final EmptyCompletionHandler<WriteResult> sendFailures = new EmptyCompletionHandler<>() {
        @Override
        public void failed(Throwable throwable) {
            LOG.debug("{}: send failed: {}", id, throwable.toString());
        }
    };

    /** {@code grizzly} is the connection under {@code session}, or null to send through Tyrus. */
    TyrusConnection(Session session, org.glassfish.grizzly.Connection<?> grizzly) {
        this.session = session;
        this.grizzly = grizzly;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(String text) {
        if (!session.isOpen()) {
            LOG.debug("{}: dropped a frame for a closed connection", id);
            return;
        }
        if (grizzly != null) {
            write(Buffers.wrap(grizzly.getMemoryManager(), TextFrames.frame(text)));
            return;
        }
        try {
            session.getAsyncRemote().sendText(text, result -> {
                if (!result.isOK()) {
                    LOG.debug("{}: send failed: {}", id, result.getException().toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("{}: send refused: {}", id, e.toString());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void write(Buffer frame) {
        ((org.glassfish.grizzly.Connection) grizzly).write(frame, sendFailures);
    }

    @Override
    public void close(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: close failed: {}", id, e.toString());
        }
    }

    @Override
    public String address() {
        return session instanceof TyrusSession tyrus && tyrus.getRemoteAddr() != null ? tyrus.getRemoteAddr() : "unknown";
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public String toString() {
        return id;
    }
}
