package dev.hiveauth.app;

/** No answer came before the request expired (the {@code expire} of its {@code *_wait}, by the client's clock). */
public final class RequestExpiredException extends HasException {
    RequestExpiredException(String message, String uuid) {
        super(message, uuid, null);
    }
}
