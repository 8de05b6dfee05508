package dev.hiveauth.protocol.chain;

import java.util.Optional;

/**
 * The three Hive mainnet assets. Each fixes its precision, and the legacy binary form still writes the
 * Steem names ({@code STEEM}, {@code SBD}) because that is what dhive, hive-js and the chain's legacy
 * serialization sign.
 */
public enum AssetSymbol {
    HIVE(3, "STEEM"),
    HBD(3, "SBD"),
    VESTS(6, "VESTS");

    private final int precision;
    private final String legacyName;

    AssetSymbol(int precision, String legacyName) {
        this.precision = precision;
        this.legacyName = legacyName;
    }

    /** Decimal places: 3 for HIVE and HBD, 6 for VESTS. */
    public int precision() {
        return precision;
    }

    /** The name in the legacy binary form: STEEM, SBD or VESTS. */
    public String legacyName() {
        return legacyName;
    }

    /** Reads a symbol as written in JSON: HIVE, HBD, VESTS, or the pre-fork names STEEM and SBD. */
    public static Optional<AssetSymbol> fromText(String text) {
        for (AssetSymbol symbol : values()) {
            if (symbol.name().equals(text) || symbol.legacyName.equals(text)) {
                return Optional.of(symbol);
            }
        }
        return Optional.empty();
    }

    /** Reads a symbol from the binary form, where only the legacy names appear. */
    static Optional<AssetSymbol> fromLegacyName(String name) {
        for (AssetSymbol symbol : values()) {
            if (symbol.legacyName.equals(name)) {
                return Optional.of(symbol);
            }
        }
        return Optional.empty();
    }
}
