package dev.hiveauth.server.transport;

import dev.hiveauth.server.relay.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.tyrus.core.TyrusSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Connection} over a Tyrus session; sends are asynchronous so a slow peer never blocks the relay. Text frames
 * are written straight to the session's Grizzly connection when it is known (see {@link TextFrames}), at the pace
 * its queue drains ({@link PacedFrames}): the way Tyrus writes them too, minus its encoder. Tyrus still reads, answers
 * pings and closes.
 */
final class TyrusConnection implements Connection {
    private static final Logger LOG = LoggerFactory.getLogger(TyrusConnection.class);
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private final Session session;
    private final String id = "c" + NEXT_ID.getAndIncrement();
    private final PacedFrames frames;

    /**
     * {@code grizzly} is the connection under {@code session} and {@code channel} what the transport tracks of it; with
     * either unknown (null), frames go through Tyrus.
     */
    TyrusConnection(Session session, org.glassfish.grizzly.Connection<?> grizzly, PeerChannel channel) {
        this.session = session;
        this.frames = grizzly == null || channel == null ? null : new PacedFrames(grizzly, channel, id);
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
        if (frames != null) {
            frames.send(text);
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

    @Override
    public void forward(String heldFrame) {
        if (frames == null || !session.isOpen()) {
            send(heldFrame);
            return;
        }
        frames.forward(heldFrame);
    }

    /** The connection is going: requests still waiting to be written to it stay pending for the next wallet. */
    void closed() {
        if (frames != null) {
            frames.drop();
        }
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
