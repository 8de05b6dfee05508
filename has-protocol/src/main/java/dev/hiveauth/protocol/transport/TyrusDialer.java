package dev.hiveauth.protocol.transport;

import jakarta.websocket.WebSocketContainer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientProperties;

/**
 * The {@link Dialer} the roles use: Tyrus's client on one Grizzly transport shared by every connection in
 * the JVM. Without {@link ClientProperties#SHARED_CONTAINER} Tyrus gives each connection a transport of its
 * own with its selector and worker threads, which made one client cost ten threads. The shared transport has
 * one selector thread and two workers (every handler of ours returns at once), and stops after 30 s without
 * connections; sessions keep their timers on a {@link TyrusClient}'s scheduler. This class and {@link TyrusClient}
 * alone name Tyrus: has-protocol declares it optional, the roles bring it.
 */
public final class TyrusDialer {
    private static final int WORKER_THREADS = 2;
    private static final int IDLE_SECONDS = 30;
    private static final Map<Duration, WebSocketContainer> CONTAINERS = new ConcurrentHashMap<>();
    private static final Dialer SHARED = new JakartaDialer(TyrusDialer::container);

    private TyrusDialer() {
    }

    /** The dialer every client in the JVM shares, with its WebSocket containers. */
    public static Dialer shared() {
        return SHARED;
    }

    /** A Tyrus client per handshake timeout (a setting of the client, not of a connection); all share the transport. */
    private static WebSocketContainer container(Duration handshakeTimeout) {
        return CONTAINERS.computeIfAbsent(handshakeTimeout, timeout -> {
            ClientManager client = new TyrusClient();
            Map<String, Object> properties = client.getProperties();
            properties.put(ClientProperties.SHARED_CONTAINER, true);
            properties.put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, IDLE_SECONDS);
            // Tyrus reads this one only as an Integer (anything else silently means its 30 s default)
            properties.put(ClientProperties.HANDSHAKE_TIMEOUT, Math.toIntExact(timeout.toMillis()));
            properties.put(GrizzlyClientProperties.SELECTOR_THREAD_POOL_CONFIG, threads("hiveauth-selector", 1));
            properties.put(GrizzlyClientProperties.WORKER_THREAD_POOL_CONFIG, threads("hiveauth-io", WORKER_THREADS));
            return client;
        });
    }

    private static ThreadPoolConfig threads(String name, int count) {
        return ThreadPoolConfig.defaultConfig().setPoolName(name).setCorePoolSize(count).setMaxPoolSize(count)
                .setDaemon(true);
    }
}
