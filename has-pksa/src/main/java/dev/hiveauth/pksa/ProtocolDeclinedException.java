package dev.hiveauth.pksa;

import java.math.BigDecimal;
import java.net.URI;

/** The relay speaks a newer HAS protocol than this wallet: it is disconnected and not tried again (SPEC §2). */
public final class ProtocolDeclinedException extends PksaException {
    private static final long serialVersionUID = 1L;

    /** The protocol version the relay announced. */
    private final BigDecimal protocol;

    ProtocolDeclinedException(URI relay, BigDecimal protocol, BigDecimal supported) {
        super(relay + " speaks HAS protocol " + protocol.toPlainString() + ", newer than this wallet's "
                + supported.toPlainString() + ": not used");
        this.protocol = protocol;
    }

    /** The relay's protocol version. */
    public BigDecimal protocol() {
        return protocol;
    }
}
