package dev.hiveauth.server.relay;

/**
 * The store could not decide: its database is unreachable, too slow, or refused. Nothing was recorded that the
 * relay reports as done; the peer is told to try again.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The reason, for the log; the peer gets {@link #PEER_MESSAGE}. */
    public StoreUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** What a peer is told when its request or registration could not be stored. */
    public static final String PEER_MESSAGE = "the relay's storage is unavailable, try again later";
}
