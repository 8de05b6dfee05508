package dev.hiveauth.it.attacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.it.fixture.WirePeer;
import dev.hiveauth.server.relay.Connection;
import dev.hiveauth.server.relay.ConnectionHandler;
import dev.hiveauth.server.transport.WebSocketTransport;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A relay in the middle, run by an attacker: applications connect to it as to any HAS, and for each of them it
 * opens its own socket to the real relay and forwards every frame both ways — recording them, and altering or
 * dropping the frames bound for the application as the test says. It listens with has-server's own WebSocket
 * transport, so to the application it is indistinguishable from a HAS; it simply is one, a dishonest one.
 */
final class MitmRelay implements ConnectionHandler, AutoCloseable {
    private final URI upstream;
    private final WebSocketTransport transport;
    private final Map<Connection, WirePeer> upstreams = new ConcurrentHashMap<>();
    private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    private final List<String> sentByApp = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<ObjectNode> tamper = UnaryOperator.identity();

    private MitmRelay(URI upstream) {
        this.upstream = upstream;
        this.transport = new WebSocketTransport("127.0.0.1", 0, 256 * 1024, 100, null, this);
        transport.start();
    }

    /** A dishonest relay in front of the real one at {@code relay}; honest until {@link #tamper} says otherwise. */
    static MitmRelay inFrontOf(URI relay) {
        return new MitmRelay(relay);
    }

    /** Where applications connect: {@code ws://127.0.0.1:<port>/}. */
    URI uri() {
        return URI.create("ws://127.0.0.1:" + transport.port() + "/");
    }

    /**
     * From now on each frame bound for the application goes through {@code alteration}: it gets a copy and
     * returns the frame to deliver instead, or null to drop it.
     */
    void tamper(UnaryOperator<ObjectNode> alteration) {
        this.tamper = alteration;
    }

    /** The frames the application received, as delivered (after any alteration), in order. */
    List<JsonNode> deliveredToApp() {
        return List.copyOf(delivered);
    }

    /** The frames delivered to the application with this {@code cmd}. */
    List<JsonNode> deliveredToApp(String cmd) {
        return delivered.stream().filter(frame -> cmd.equals(frame.path("cmd").asText())).toList();
    }

    /** The frames the application sent, exactly as it sent them. */
    List<String> sentByApp() {
        return List.copyOf(sentByApp);
    }

    @Override
    public void onOpen(Connection app) {
        WirePeer relay = WirePeer.connect(upstream, frame -> deliver(app, frame));
        relay.onClose(() -> app.close(1001, "upstream closed"));
        upstreams.put(app, relay);
    }

    @Override
    public void onText(Connection app, String frame) {
        sentByApp.add(frame);
        WirePeer relay = upstreams.get(app);
        if (relay != null) {
            relay.send(frame);
        }
    }

    @Override
    public void onBinary(Connection app, int length) {
        // applications send none
    }

    @Override
    public void onClose(Connection app) {
        WirePeer relay = upstreams.remove(app);
        if (relay != null) {
            relay.close();
        }
    }

    private void deliver(Connection app, String text) {
        JsonNode frame;
        try {
            frame = WirePeer.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            app.send(text);
            return;
        }
        if (!(frame instanceof ObjectNode object)) {
            app.send(text);
            return;
        }
        ObjectNode altered = tamper.apply(object.deepCopy());
        if (altered == null) {
            return;
        }
        delivered.add(altered);
        try {
            app.send(WirePeer.JSON.writeValueAsString(altered));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        upstreams.values().forEach(WirePeer::close);
        transport.stop();
    }
}
