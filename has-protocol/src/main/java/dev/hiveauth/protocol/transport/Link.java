package dev.hiveauth.protocol.transport;

/**
 * One open WebSocket, as a {@link Dialer} made it. Sending never blocks: frames are queued and leave in
 * order; a failure to send is reported to the link's {@link LinkEvents} as {@code failed} — from another thread,
 * never from inside {@link #send}, {@link #ping} or {@link #close}.
 */
public interface Link {

    /** Queues one text frame. */
    void send(String frame);

    /** Sends a WebSocket ping; the peer's pong comes back as {@link LinkEvents#pong(Link)}. */
    void ping();

    /** Starts the closing handshake (never waits for the peer, which may be gone). */
    void close(int code, String reason);
}
