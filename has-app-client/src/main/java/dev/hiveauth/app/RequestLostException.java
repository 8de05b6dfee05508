package dev.hiveauth.app;

/**
 * The client lost track of a request: the connection dropped before the HAS gave the request a uuid, the
 * HAS answered {@code attach_nack} after a reconnect, or the client was closed.
 */
public final class RequestLostException extends HasException {
    private static final long serialVersionUID = 1L;

    RequestLostException(String message, String uuid) {
        super(message, uuid, null);
    }
}
