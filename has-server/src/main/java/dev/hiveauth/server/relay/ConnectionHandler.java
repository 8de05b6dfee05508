package dev.hiveauth.server.relay;

/** What the transport calls for each connection, in order: open, any number of frames, close. */
public interface ConnectionHandler {
    void onOpen(Connection connection);

    void onText(Connection connection, String frame);

    /** A binary frame: the protocol has none, so the handler answers with an error. */
    void onBinary(Connection connection, int length);

    void onClose(Connection connection);
}
