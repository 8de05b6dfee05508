package dev.hiveauth.server.relay;

/** One peer's WebSocket as the relay sees it: an identity, a way to send a text frame, a way to close. */
public interface Connection {
    /** A short id unique within this server's life, for logs and metrics. */
    String id();

    /** Queues one text frame; never blocks on the network. A closed connection drops it. */
    void send(String text);

    /**
     * Sends a waiting request to a wallet: a frame the relay holds anyway, so it may wait for the wallet to read (at
     * the pace it reads, however many wait) instead of all going into its send queue at once.
     */
    default void forward(String heldFrame) {
        send(heldFrame);
    }

    /** Closes with a WebSocket close code (1001 going away, 1008 policy violation, …). */
    void close(int code, String reason);

    /** True until the connection closed. */
    boolean isOpen();

    /**
     * The client's address, for the limits per address: the peer's, or the one a load balancer declared in a PROXY
     * protocol header.
     */
    default String address() {
        return "unknown";
    }
}
