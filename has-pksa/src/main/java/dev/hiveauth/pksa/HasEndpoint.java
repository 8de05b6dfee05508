package dev.hiveauth.pksa;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

/**
 * The client side of one WebSocket to a relay, handing Tyrus's callbacks to its {@link HasConnection}.
 * Public only because Tyrus calls endpoints reflectively; it cannot be built outside this package.
 */
public final class HasEndpoint extends Endpoint {
    private final HasConnection connection;
    private final long attempt;

    HasEndpoint(HasConnection connection, long attempt) {
        this.connection = connection;
        this.attempt = attempt;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // the connection must know its session before the first frame is handed over
        connection.opened(attempt, session);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> connection.received(session, text));
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> connection.ponged(session));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        connection.closed(session, reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
    }

    @Override
    public void onError(Session session, Throwable error) {
        connection.failed(session, error);
    }
}
