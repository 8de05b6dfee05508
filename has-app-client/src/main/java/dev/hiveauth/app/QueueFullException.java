package dev.hiveauth.app;

/**
 * The client already queues {@link FlowControl#maxQueued()} requests that its connections cannot take yet:
 * the request was not sent. Try again later, or let the client send more at once ({@link FlowControl}).
 */
public final class QueueFullException extends HasException {
    private static final long serialVersionUID = 1L;

    QueueFullException(String message) {
        super(message, null, null);
    }
}
