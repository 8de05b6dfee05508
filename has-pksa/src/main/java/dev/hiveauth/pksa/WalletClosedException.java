package dev.hiveauth.pksa;

/** The wallet was closed before what it was asked to do happened. */
public final class WalletClosedException extends PksaException {
    private static final long serialVersionUID = 1L;

    WalletClosedException(String message) {
        super(message);
    }
}
