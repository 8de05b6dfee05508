package dev.hiveauth.server.transport;

import dev.hiveauth.protocol.transport.SessionScheduler;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Tyrus server container without a server of its own: {@link WebSocketTransport} runs the Grizzly
 * listener, because Tyrus's standalone server binds every interface whatever host it is given.
 */
final class RelayWebSocketContainer extends TyrusServerContainer {
    static final String CONTEXT_PATH = "/";

    private final WebSocketEngine engine;
    private final SessionScheduler sessionScheduler = new SessionScheduler();

    RelayWebSocketContainer(int incomingBufferSize, int maxSessions) {
        super((java.util.Set<Class<?>>) null);
        this.engine = TyrusWebSocketEngine.builder(this)
                .incomingBufferSize(incomingBufferSize)
                .maxSessionsPerApp(maxSessions)
                .build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, CONTEXT_PATH);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, CONTEXT_PATH);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    /** See {@link SessionScheduler}: Tyrus's own pool would take a thread hop for every message received. */
    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
        return sessionScheduler;
    }

    @Override
    public void shutdown() {
        sessionScheduler.shutdownNow();
        super.shutdown();
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }
}
