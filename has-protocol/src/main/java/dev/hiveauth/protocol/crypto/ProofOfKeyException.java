package dev.hiveauth.protocol.crypto;

/**
 * A proof of key was refused. The message is written to be sent to the peer as is (e.g. in an {@code error}
 * frame): it names what is wrong and never contains key material or server internals.
 */
public final class ProofOfKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ProofOfKeyException(String message) {
        super(message);
    }
}
