package dev.hiveauth.protocol.message;

/**
 * A frame that is not a valid HAS message. The message is written for the peer and may be sent back as
 * is in an {@code error}: it names the command and field at fault and quotes at most a short excerpt of
 * the input. Unchecked and without a stack trace: a bad frame from a peer is an expected input.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The {@code cmd} of the message at fault, or null. */
    private final String cmd;

    /** A frame that is not a HAS message, for the reason {@code message} gives. */
    public ProtocolException(String message) {
        this(message, null);
    }

    /** A refusal of a frame whose {@code cmd} was read: {@code cmd} is that command. */
    public ProtocolException(String message, String cmd) {
        super(message, null, false, false);
        this.cmd = cmd;
    }

    /**
     * The frame's command when it could be read, else null. Lets a server decline to answer a malformed
     * {@code error} with another {@code error}: two peers doing that would bounce errors forever.
     */
    public String cmd() {
        return cmd;
    }
}
