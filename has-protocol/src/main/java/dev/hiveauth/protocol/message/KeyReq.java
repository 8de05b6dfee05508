package dev.hiveauth.protocol.message;

/** {@code key_req}, PKSA→HAS: asks for the server's public key (sent on every connect). */
public record KeyReq() implements HasMessage {
    /** The {@code cmd} of this message. */
    public static final String CMD = "key_req";

    @Override
    public String cmd() {
        return CMD;
    }
}
