package dev.hiveauth.protocol.transport;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A {@link Dialer} on any Jakarta WebSocket client container. The Jakarta API only connects synchronously, so
 * handshakes run on a small pool of dial threads shared by every client in the JVM; the pool holds no thread
 * while nothing is dialing or closing.
 */
public final class JakartaDialer implements Dialer {
    /** Handshakes in progress at once; more wait their turn (each still bound by its own deadline). */
    private static final int DIAL_THREADS = 8;
    private static final Executor DIAL_POOL = DaemonPool.create("hiveauth-dial", DIAL_THREADS);

    private final Function<Duration, WebSocketContainer> containers;

    /** @param containers the container to connect with, for a handshake timeout */
    public JakartaDialer(Function<Duration, WebSocketContainer> containers) {
        this.containers = containers;
    }

    @Override
    public void dial(URI uri, Duration handshakeTimeout, LinkEvents events) {
        DIAL_POOL.execute(() -> {
            JakartaLink link = new JakartaLink(events, DIAL_POOL);
            try {
                containers.apply(handshakeTimeout).connectToServer(link, ClientEndpointConfig.Builder.create()
                        .build(), uri);
            } catch (Exception e) { // DeploymentException, IOException, or the container's own runtime failures
                events.failed(null, e);
            }
        });
    }
}
