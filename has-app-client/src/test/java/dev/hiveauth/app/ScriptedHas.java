package dev.hiveauth.app;

import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.server.relay.Connection;
import dev.hiveauth.server.relay.ConnectionHandler;
import dev.hiveauth.server.transport.WebSocketTransport;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A HAS whose every frame the test writes by hand, for orders and messages a correct relay never produces:
 * it greets each new connection (with a {@code connected} the test can change), records what it receives
 * and sends whatever the test says. Built on has-server's public WebSocket transport, on loopback.
 */
final class ScriptedHas implements ConnectionHandler, AutoCloseable {
    static final String CONNECTED_V1 = "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"scripted\",\"protocol\":1}";
    private static final long WAIT_SECONDS = 10;

    private final WebSocketTransport transport;
    private final BlockingQueue<Peer> arrivals = new LinkedBlockingQueue<>();
    private final Map<Connection, Peer> peers = new ConcurrentHashMap<>();
    private volatile String greeting = CONNECTED_V1;

    private ScriptedHas() {
        transport = new WebSocketTransport("127.0.0.1", 0, 256 * 1024, 100, null, this);
    }

    static ScriptedHas start() {
        ScriptedHas has = new ScriptedHas();
        has.transport.start();
        return has;
    }

    String url() {
        return "ws://127.0.0.1:" + transport.port() + "/";
    }

    /** What new connections get first; null for nothing. */
    void greeting(String frame) {
        this.greeting = frame;
    }

    /** The next connection a client opened. */
    Peer nextPeer() throws InterruptedException {
        Peer peer = arrivals.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("no client connected within " + WAIT_SECONDS + " s");
        }
        return peer;
    }

    boolean noNewPeer() {
        return arrivals.isEmpty();
    }

    @Override
    public void onOpen(Connection connection) {
        Peer peer = new Peer(connection);
        peers.put(connection, peer);
        String hello = greeting;
        if (hello != null) {
            connection.send(hello);
        }
        arrivals.add(peer);
    }

    @Override
    public void onText(Connection connection, String frame) {
        Peer peer = peers.get(connection);
        if (peer != null) {
            peer.frames.add(frame);
        }
    }

    @Override
    public void onBinary(Connection connection, int length) {
    }

    @Override
    public void onClose(Connection connection) {
        Peer peer = peers.remove(connection);
        if (peer != null) {
            peer.closed.complete(null);
        }
    }

    @Override
    public void close() {
        transport.stop();
    }

    /** One client connection as the scripted HAS sees it. */
    static final class Peer {
        private final Connection connection;
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();

        private Peer(Connection connection) {
            this.connection = connection;
        }

        /** The next frame the client sent, decoded; fails after 10 s. */
        HasMessage next() throws InterruptedException {
            String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("the client sent nothing within " + WAIT_SECONDS + " s");
            }
            return MessageCodec.decode(frame);
        }

        <T extends HasMessage> T next(Class<T> type) throws InterruptedException {
            HasMessage message = next();
            if (!type.isInstance(message)) {
                throw new AssertionError("expected " + type.getSimpleName() + " but the client sent " + message);
            }
            return type.cast(message);
        }

        boolean nothingReceived() {
            return frames.isEmpty();
        }

        void send(String frame) {
            connection.send(frame);
        }

        void send(HasMessage message) {
            connection.send(MessageCodec.encode(message));
        }

        void close() {
            connection.close(1001, "scripted close");
        }

        void awaitClosed() throws Exception {
            closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
