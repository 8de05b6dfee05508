package dev.hiveauth.it.fuzz;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.tyrus.client.ClientManager;

/** A WebSocket peer that throws frames at the server, counts what comes back and notices a close. */
final class FuzzPeer implements AutoCloseable {
    private final Session session;
    private final AtomicInteger received = new AtomicInteger();
    /** Errors that read like a leaked stack trace (SPEC §9: never); kept, not all errors, to keep the heap check honest. */
    private final java.util.Queue<String> leakyErrors = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicReference<CloseReason> closed = new AtomicReference<>();
    private final BlockingQueue<String> markers = new LinkedBlockingQueue<>();
    private int drains;

    FuzzPeer(ClientManager client, URI uri) throws Exception {
        session = client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    received.incrementAndGet();
                    if (text.contains("Exception") || text.contains("\\tat ") || text.contains("java.")) {
                        leakyErrors.add(text);
                    }
                    if (text.startsWith("{\"cmd\":\"attach_nack\",\"uuid\":\"drain-")) {
                        markers.add(text);
                    }
                });
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.set(reason);
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
    }

    void send(String text) throws Exception {
        session.getBasicRemote().sendText(text);
    }

    void sendBinary(byte[] bytes) throws Exception {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
    }

    /**
     * Proves every earlier frame was processed: frames are handled in order, so the attach_nack for a uuid no
     * fuzzed frame can contain comes after all of them.
     */
    boolean drained() throws Exception {
        String marker = "drain-" + (++drains);
        send("{\"cmd\":\"attach_req\",\"uuid\":\"" + marker + "\"}");
        while (true) {
            String text = markers.poll(30, TimeUnit.SECONDS);
            if (text == null) {
                return false;
            }
            if (text.contains("\"" + marker + "\"")) {
                return true;
            }
        }
    }

    CloseReason closeReason() {
        return closed.get();
    }

    java.util.Collection<String> leakyErrors() {
        return leakyErrors;
    }

    int received() {
        return received.get();
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }
}
