package dev.hiveauth.app;

import java.math.BigDecimal;

/** The HAS speaks a newer protocol than this client, which therefore declines to use it (SPEC §2). */
public final class ProtocolMismatchException extends HasException {
    private static final long serialVersionUID = 1L;

    /** The protocol version the server announced. */
    private final BigDecimal serverProtocol;

    ProtocolMismatchException(BigDecimal serverProtocol, BigDecimal supported) {
        super("the HAS speaks protocol " + serverProtocol.toPlainString() + "; this client supports up to "
                + supported.toPlainString(), null, null);
        this.serverProtocol = serverProtocol;
    }

    /** The protocol version the server announced in {@code connected}. */
    public BigDecimal serverProtocol() {
        return serverProtocol;
    }
}
