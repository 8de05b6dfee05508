package dev.hiveauth.server.transport;

import dev.hiveauth.server.relay.ConnectionHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one WebSocket endpoint, at "/": turns Tyrus callbacks into {@link ConnectionHandler} calls (public: Tyrus calls it reflectively). */
public final class RelayEndpoint extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RelayEndpoint.class);

    private final ConnectionHandler handler;
    private final ChannelCloser closer;
    private TyrusConnection connection;

    RelayEndpoint(ConnectionHandler handler, ChannelCloser closer) {
        this.handler = handler;
        this.closer = closer;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // Tyrus opens the session while the selector thread reads the upgrade request: that read's connection is it.
        org.glassfish.grizzly.Connection<?> grizzly = WriteBatch.readingConnection();
        connection = new TyrusConnection(session, grizzly, grizzly == null ? null : closer.channel(grizzly));
        TyrusConnection opened = connection;
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> handler.onText(opened, text));
        session.addMessageHandler(ByteBuffer.class,
                (MessageHandler.Whole<ByteBuffer>) bytes -> handler.onBinary(opened, bytes.remaining()));
        handler.onOpen(opened);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        // Tyrus closes the connection right after this returns: its close frame, and anything sent before it, must
        // leave first rather than wait in this read's batch.
        WriteBatch.flushCurrent();
        if (connection != null) {
            LOG.debug("{}: closed {} {}", connection.id(), reason.getCloseCode().getCode(), reason.getReasonPhrase());
            connection.closed();
            handler.onClose(connection);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("{}: transport error: {}", connection == null ? "?" : connection.id(), error.toString());
    }
}
