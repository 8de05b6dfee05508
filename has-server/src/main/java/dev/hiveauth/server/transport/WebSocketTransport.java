package dev.hiveauth.server.transport;

import dev.hiveauth.server.relay.ConnectionHandler;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

/**
 * The server's network side: one Grizzly listener on the configured host and port (ws:// or wss://)
 * with Tyrus's WebSocket add-on and the {@link FrameSizeGuard}, serving the single endpoint at "/".
 */
public final class WebSocketTransport {
    /** Bytes Grizzly reads at once; Tyrus's buffer must hold one whole frame plus one read. */
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final HttpServer http;
    private final NetworkListener listener;
    private final RelayWebSocketContainer container;

    public WebSocketTransport(String host, int port, int maxFrameBytes, int maxConnections, TlsKeystore tls,
                              ConnectionHandler handler) {
        container = new RelayWebSocketContainer(maxFrameBytes + 2 * READ_BUFFER_BYTES, maxConnections);
        ServerEndpointConfig endpoint = ServerEndpointConfig.Builder
                .create(RelayEndpoint.class, "/")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new RelayEndpoint(handler));
                    }
                })
                .build();
        try {
            container.addEndpoint(endpoint);
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot deploy the relay endpoint", e);
        }

        http = new HttpServer();
        listener = new NetworkListener("has", host, port);
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1); // WebSockets live as long as their peers want
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        listener.getTransport().setReadBufferSize(READ_BUFFER_BYTES);
        if (tls != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls.sslContext(), false, false, false));
        }
        listener.registerAddOn(new FrameSizeGuardAddOn(maxFrameBytes));
        listener.registerAddOn(new WebSocketAddOn(container, RelayWebSocketContainer.CONTEXT_PATH));
        http.addListener(listener);
    }

    public void start() {
        try {
            container.start(RelayWebSocketContainer.CONTEXT_PATH, listener.getPort());
            http.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + listener.getHost() + ":" + listener.getPort(), e);
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot deploy the relay endpoint", e);
        }
    }

    /** The bound port (the real one when 0 asked for any free port). */
    public int port() {
        return listener.getPort();
    }

    public String host() {
        return listener.getHost();
    }

    public boolean isSecure() {
        return listener.isSecure();
    }

    /** Stops listening and releases every connection and thread (peers should have been closed first). */
    public void stop() {
        http.shutdownNow();
        container.stop();
    }
}
