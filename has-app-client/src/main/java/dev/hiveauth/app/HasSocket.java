package dev.hiveauth.app;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import org.glassfish.tyrus.client.ClientManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to the HAS, over Tyrus: text frames in, text frames out, one close. A new
 * instance per connection attempt, so callbacks from an old socket are recognised and dropped.
 */
final class HasSocket extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(HasSocket.class);

    /** What the socket reports, in order: open, any number of frames, close. */
    interface Listener {
        void onOpen(HasSocket socket);

        void onText(HasSocket socket, String frame);

        void onClose(HasSocket socket, String reason);
    }

    private static final byte[] PING = {'h', 'a', 's'};

    private final Listener listener;
    private volatile Session session;
    private volatile long lastPongNanos = System.nanoTime();

    private HasSocket(Listener listener) {
        this.listener = listener;
    }

    /** Connects (blocking until the WebSocket handshake is done or fails). */
    static HasSocket open(ClientManager manager, URI uri, Listener listener) throws DeploymentException, IOException {
        HasSocket socket = new HasSocket(listener);
        manager.connectToServer(socket, ClientEndpointConfig.Builder.create().build(), uri);
        return socket;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        listener.onOpen(this);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) frame -> listener.onText(this, frame));
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> lastPongNanos = System.nanoTime());
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        listener.onClose(this, reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("WebSocket error: {}", error.toString());
    }

    /** Queues one text frame; frames go out in the order queued. A closed socket drops it (its close is reported). */
    void send(String frame) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            LOG.debug("dropped a frame for a closed socket");
            return;
        }
        try {
            current.getAsyncRemote().sendText(frame, result -> {
                if (!result.isOK()) {
                    LOG.debug("sending a frame failed: {}", result.getException().toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("sending a frame was refused: {}", e.toString());
        }
    }

    /** Sends a WebSocket ping (the HAS answers them, SPEC §1); {@link #lastPongNanos()} moves when the pong comes. */
    void ping() {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        try {
            current.getAsyncRemote().sendPing(ByteBuffer.wrap(PING));
        } catch (IOException | RuntimeException e) {
            LOG.debug("sending a ping failed: {}", e.toString());
        }
    }

    /** When the last pong arrived ({@link System#nanoTime()}); the opening counts as one. */
    long lastPongNanos() {
        return lastPongNanos;
    }

    void close() {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        try {
            current.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "client closing"));
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the socket failed: {}", e.toString());
        }
    }
}
