package dev.hiveauth.pksa;

/**
 * Why something a wallet was asked to do did not happen; each subclass names one reason, in words a user of the
 * wallet can act on.
 */
public abstract class PksaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PksaException(String message) {
        super(message);
    }
}
