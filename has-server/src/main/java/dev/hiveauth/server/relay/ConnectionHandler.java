package dev.hiveauth.server.relay;

/** What the transport calls for each connection, in order: open, any number of frames, close. */
public interface ConnectionHandler {
    /** A peer connected. */
    void onOpen(Connection connection);

    /** A text frame came in from the peer. */
    void onText(Connection connection, String frame);

    /** A binary frame: the protocol has none, so the handler answers with an error. */
    void onBinary(Connection connection, int length);

    /** The connection closed, whichever side closed it. */
    void onClose(Connection connection);

    /**
     * True when what a frame makes the handler send to other connections is sent before {@link #onText} returns: the
     * transport may then hold it with the rest of that read's frames, on the reading thread. False when some of it is
     * sent later from other threads (a store that answers on its own threads): every send to a connection then runs on
     * the thread that reads that connection, the one place where their order can be kept.
     */
    default boolean sendsWithinReads() {
        return false;
    }
}
