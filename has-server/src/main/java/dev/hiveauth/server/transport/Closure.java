package dev.hiveauth.server.transport;

/** Why the transport closed a connection on its own, for the log and the metrics ({@code has_closed_total{reason}}). */
public enum Closure {
    /** A frame or message larger than the limit (1009). */
    FRAME_TOO_BIG("frame_too_big"),
    /** A frame sent without a mask, which RFC 6455 §5.1 requires of every client frame (1002). */
    UNMASKED_FRAME("unmasked_frame"),
    /** More pings than the ping budget (1008). */
    PING_FLOOD("ping_flood"),
    /** Its outgoing queue passed the per-socket bound: it does not read. */
    SLOW_READER("slow_reader"),
    /** It left its outgoing queue unread for the drain timeout. */
    STALLED_READER("stalled_reader"),
    /** Every socket's queues together were full, and this one lagged. */
    QUEUES_FULL("queues_full"),
    /** It left a message unfinished for the drain timeout. */
    UNFINISHED_MESSAGE("unfinished_message"),
    /** Messages received in part were at their budget, and this one would add more. */
    RECEIVING_FULL("receiving_full"),
    /** The server already held its maximum of connections (counting those still in their handshake). */
    CONNECTION_CAP("connection_cap"),
    /** Its client address already held its share of connections (counting those still in their handshake). */
    ADDRESS_CAP("address_cap"),
    /** The relay expects a PROXY protocol header and the connection did not start with a valid one. */
    PROXY_HEADER("proxy_header"),
    /** It did not complete the WebSocket upgrade within the handshake timeout. */
    HANDSHAKE_TIMEOUT("handshake_timeout");

    private final String tag;

    Closure(String tag) {
        this.tag = tag;
    }

    /** The metric tag. */
    public String tag() {
        return tag;
    }
}
