package dev.hiveauth.pksa;

/** The wallet was closed before what it was asked to do happened. */
public final class WalletClosedException extends PksaException {
    WalletClosedException(String message) {
        super(message);
    }
}
