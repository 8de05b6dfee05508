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
}
