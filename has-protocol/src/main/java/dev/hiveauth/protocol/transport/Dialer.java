package dev.hiveauth.protocol.transport;

import java.net.URI;
import java.time.Duration;

/**
 * Opens WebSockets. Asynchronous: {@link #dial} returns at once, and the outcome arrives as
 * {@link LinkEvents#opened(Link)} or {@link LinkEvents#failed(Link, Throwable)}. {@link TyrusDialer#shared()} is
 * the real one; tests give a {@link RelaySocket} a scripted one.
 */
public interface Dialer {

    /**
     * Starts opening a WebSocket to {@code uri}.
     *
     * @param handshakeTimeout how long the handshake may take before the attempt fails
     */
    void dial(URI uri, Duration handshakeTimeout, LinkEvents events);
}
