package dev.hiveauth.app;

/** The wallet could not process the request and said why in a {@code *_err}. */
public final class RequestFailedException extends HasException {
    private static final long serialVersionUID = 1L;

    /** The wallet's error message. */
    private final String error;

    RequestFailedException(String uuid, String error) {
        super("the wallet failed to process the request " + uuid + ": " + error, uuid, null);
        this.error = error;
    }

    /** The wallet's error message, decrypted when it was encrypted with the auth_key. */
    public String error() {
        return error;
    }
}
