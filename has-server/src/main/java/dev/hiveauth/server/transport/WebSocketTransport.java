package dev.hiveauth.server.transport;

import dev.hiveauth.server.relay.ConnectionHandler;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

/**
 * The server's network side: one Grizzly listener on the configured host and port (ws:// or wss://) with Tyrus's
 * WebSocket add-on, serving the single endpoint at "/", and the guards that bound what peers make it hold
 * ({@link InboundGuard}, {@link OutboundGuard}, deadlines checked by {@link #sweep()}).
 */
public final class WebSocketTransport {
    /** Bytes Grizzly reads at once, at least (see {@link #tyrusBufferBytes}). */
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    /** Bytes a frame may carry beyond its payload: header, and what the relay adds to a request it forwards. */
    private static final int FRAME_OVERHEAD = 1024;

    /** A close frame that has not left after this long will not: the connection is cut off. */
    private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final HttpServer http;
    private final NetworkListener listener;
    private final RelayWebSocketContainer container;
    private final PeerBuffers buffers;
    private final ChannelCloser closer;

    /** A transport with the default {@link TransportLimits} and nobody told of its closures (test relays). */
    public WebSocketTransport(String host, int port, int maxFrameBytes, int maxConnections, TlsKeystore tls,
                              ConnectionHandler handler) {
        this(host, port, maxFrameBytes, Admission.upTo(maxConnections), TransportLimits.DEFAULT, tls,
                (closure, detail) -> { }, handler);
    }

    /** A transport on {@code host}:{@code port} handing each connection's events to {@code handler}. */
    public WebSocketTransport(String host, int port, int maxFrameBytes, Admission admission, TransportLimits limits,
                              TlsKeystore tls, ClosureListener closures, ConnectionHandler handler) {
        buffers = new PeerBuffers(limits, System::nanoTime);
        closer = new ChannelCloser(closures);
        container = new RelayWebSocketContainer(tyrusBufferBytes(maxFrameBytes), admission.maxConnections());
        ServerEndpointConfig endpoint = ServerEndpointConfig.Builder
                .create(RelayEndpoint.class, "/")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new RelayEndpoint(handler, closer));
                    }
                })
                .build();
        try {
            container.addEndpoint(endpoint);
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot deploy the relay endpoint", e);
        }

        GrizzlyStartLines.quiet();
        http = new HttpServer();
        listener = new NetworkListener("has", host, port);
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1); // WebSockets live as long as their peers want
        // Frames are handled on the selector thread that read them: nothing the relay does there waits (sends are
        // asynchronous, chain lookups complete on the HTTP client's threads; the longest work is checking a
        // registration's proofs), so handing each read to a worker thread only added a queue and a wake-up per read.
        // What one read makes the relay send leaves in one write per peer (WriteCoalescer) — when the relay sends all of
        // it within the read. When part of it comes later from other threads (a store on Redis answers on its client's
        // threads), frames go out as they are sent: a frame from such a thread would otherwise leave ahead of those a
        // read still held for the same socket (a *_wait ahead of the waits before it, a reply ahead of its wait), so
        // every frame is written in the order the relay sent it, from whichever thread sent it.
        listener.getTransport().setIOStrategy(new BatchedReads(handler.sendsWithinReads()));
        listener.getTransport().setReadBufferSize(READ_BUFFER_BYTES);
        listener.getTransport().getAsyncQueueIO().getWriter().setMaxPendingBytesPerConnection(pacedQueueBytes(limits));
        if (tls != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls.sslContext(), false, false, false));
        }
        listener.registerAddOn(new PeerGuardAddOn(maxFrameBytes, admission, buffers, closer));
        listener.registerAddOn(new WebSocketAddOn(container, RelayWebSocketContainer.CONTEXT_PATH));
        http.addListener(listener);
    }

    /**
     * The most Tyrus may hold of one connection's input: an unfinished frame plus the read that comes after it. A Grizzly
     * thread reads into the largest direct buffer it has used so far, for its writes too, so one read can bring a whole
     * frame as large as the largest the relay sent (a forwarded request, just over the frame limit). Tyrus allocates
     * only what it holds; past this bound it closes a valid connection with 1011 "Buffer overflow".
     */
    static int tyrusBufferBytes(int maxFrameBytes) {
        return 2 * (maxFrameBytes + FRAME_OVERHEAD) + READ_BUFFER_BYTES;
    }

    /**
     * How much of a connection's queue forwarded requests may fill before the rest waits for the wallet to read
     * ({@link PacedFrames}; Tyrus paces its own frames by it too): well under the per-socket bound, so a burst to a
     * wallet that reads never comes near it. Grizzly's default, four socket buffers, may be several megabytes.
     */
    static int pacedQueueBytes(TransportLimits limits) {
        return (int) Math.max(16 * 1024, Math.min(256 * 1024, limits.maxQueuedBytesPerSocket() / 4));
    }

    /** Starts listening. */
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

    /** The host it listens on. */
    public String host() {
        return listener.getHost();
    }

    /** True when it serves {@code wss://}. */
    public boolean isSecure() {
        return listener.isSecure();
    }

    /**
     * Closes the connections past a deadline (handshake not done, queue not read, message not finished, close frame
     * not taken); the server calls it every second.
     */
    public void sweep() {
        for (PeerBuffers.Verdict overdue : buffers.overdue()) {
            closer.cutOff(overdue.channel(), overdue.closure(), overdue.detail());
        }
        for (PeerChannel lingering : buffers.lingering(CLOSE_GRACE_NANOS)) {
            lingering.connection.terminateSilently();
        }
    }

    /** Bytes queued for sending to every socket, and bytes of messages received in part (for the metrics). */
    public long queuedBytes() {
        return buffers.queuedBytes();
    }

    /** Bytes of messages received in part, on every socket (for the metrics). */
    public long receivingBytes() {
        return buffers.receivingBytes();
    }

    /** TCP connections open, handshaking ones included. */
    public int connectionCount() {
        return buffers.channelCount();
    }

    /**
     * Stops accepting connections and keeps those open: a node going down lets the load balancer send new peers
     * elsewhere at once, while its own peers get their answers and a close frame.
     */
    public void stopAccepting() {
        listener.getTransport().unbindAll();
    }

    /** Stops listening and releases every connection and thread (peers should have been closed first). */
    public void stop() {
        http.shutdownNow();
        container.stop();
    }
}
