package dev.hiveauth.protocol.message;

/**
 * A frame that is not a valid HAS message. The message is written for the peer and may be sent back as
 * is in an {@code error}: it names the command and field at fault and quotes at most a short excerpt of
 * the input. Unchecked and without a stack trace: a bad frame from a peer is an expected input.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
