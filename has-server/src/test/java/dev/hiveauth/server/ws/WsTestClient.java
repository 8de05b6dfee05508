package dev.hiveauth.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/** A real WebSocket peer for tests: sends text, and hands out what it receives, parsed, in order. */
public final class WsTestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 10;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private WsTestClient(ClientManager manager, URI uri) throws Exception {
        session = manager.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
                session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> pongs.add("pong"));
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.complete(reason);
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
    }

    public static WsTestClient connect(URI uri) throws Exception {
        return new WsTestClient(ClientManager.createClient(), uri);
    }

    public static WsTestClient connect(ClientManager manager, URI uri) throws Exception {
        return new WsTestClient(manager, uri);
    }

    public void send(String text) throws Exception {
        session.getBasicRemote().sendText(text);
    }

    /**
     * Sends a frame the server will refuse by closing: the server may close while Tyrus is still sending,
     * and Tyrus then throws from send — only the close code matters.
     */
    public void sendExpectingClose(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (Exception raced) {
            // the close already arrived
        }
    }

    public void sendBinary(byte[] bytes) throws Exception {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
    }

    public void ping() throws Exception {
        session.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    }

    public boolean awaitPong() throws InterruptedException {
        return pongs.poll(WAIT_SECONDS, TimeUnit.SECONDS) != null;
    }

    /** The next frame, parsed; fails after 10 s. */
    public JsonNode next() throws Exception {
        String frame = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("nothing received within " + WAIT_SECONDS + " s");
        }
        return JSON.readTree(frame);
    }

    /** The next frame, which must have this cmd. */
    public JsonNode next(String cmd) throws Exception {
        JsonNode message = next();
        if (!cmd.equals(message.path("cmd").asText())) {
            throw new AssertionError("expected " + cmd + " but got " + message);
        }
        return message;
    }

    /** Nothing is waiting right now (for checks after a later frame proved ordering). */
    public boolean nothingPending() {
        return received.isEmpty();
    }

    public CloseReason awaitClose() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }
}
