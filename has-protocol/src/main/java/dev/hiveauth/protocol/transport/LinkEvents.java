package dev.hiveauth.protocol.transport;

/**
 * What a {@link Dialer} reports about one connection attempt and, once it opened, its {@link Link}: opened
 * (or failed with no link), then any number of frames and pongs, then closed or failed. Called on the
 * WebSocket implementation's threads; implementations must not block.
 */
public interface LinkEvents {

    /** The link opened: frames can be sent on it. */
    void opened(Link link);

    /** A text frame came in on the link. */
    void text(Link link, String frame);

    /** A pong came in on the link (the answer to a ping). */
    void pong(Link link);

    /** The peer or the network closed the link. */
    void closed(Link link, String why);

    /**
     * The attempt failed ({@code link} is null: no handshake) or the open link broke (a send failed).
     */
    void failed(Link link, Throwable error);
}
