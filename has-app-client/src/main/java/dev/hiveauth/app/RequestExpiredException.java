package dev.hiveauth.app;

/** No answer came before the request expired (the {@code expire} of its {@code *_wait}, by the client's clock). */
public final class RequestExpiredException extends HasException {
    private static final long serialVersionUID = 1L;

    RequestExpiredException(String message, String uuid) {
        super(message, uuid, null);
    }
}
