package dev.hiveauth.protocol.transport;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Link} over a Jakarta WebSocket client session, and the endpoint the container reports that
 * session's events to. Public only because WebSocket containers may look endpoints up reflectively; it is
 * made by {@link JakartaDialer} alone.
 */
public final class JakartaLink extends Endpoint implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(JakartaLink.class);
    private static final byte[] PING = "hiveauth".getBytes(StandardCharsets.US_ASCII);

    private final LinkEvents events;
    private final Executor background;
    private volatile Session session;

    JakartaLink(LinkEvents events, Executor background) {
        this.events = events;
        this.background = background;
    }

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
        this.session = opened;
        opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) frame -> events.text(this, frame));
        opened.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> events.pong(this));
        events.opened(this);
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
        String phrase = reason.getReasonPhrase();
        events.closed(this, reason.getCloseCode().getCode() + (phrase == null || phrase.isEmpty() ? "" : " " + phrase));
    }

    @Override
    public void onError(Session failed, Throwable error) {
        // The container closes the session when the error is fatal, and that close is what counts.
        LOG.debug("WebSocket error: {}", error.toString());
    }

    @Override
    public void send(String frame) {
        try {
            session.getAsyncRemote().sendText(frame, result -> {
                if (!result.isOK()) {
                    failLater(result.getException());
                }
            });
        } catch (RuntimeException e) {
            failLater(e);
        }
    }

    @Override
    public void ping() {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(PING));
        } catch (IOException | RuntimeException e) {
            failLater(e);
        }
    }

    /**
     * A write may fail, and its handler run, on the sender's own thread (Grizzly writes at once when its queue is
     * empty); the event goes through another thread so that it never reaches the socket inside the sender's call.
     */
    private void failLater(Throwable error) {
        try {
            background.execute(() -> events.failed(this, error));
        } catch (RejectedExecutionException e) {
            LOG.debug("a send failed after shutdown: {}", error.toString());
        }
    }

    @Override
    public void close(int code, String reason) {
        Runnable closing = () -> {
            try {
                if (session.isOpen()) {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing a WebSocket failed: {}", e.toString());
            }
        };
        // A dead peer may never answer the closing handshake: not on the caller's thread.
        try {
            background.execute(closing);
        } catch (RejectedExecutionException e) {
            closing.run();
        }
    }
}
