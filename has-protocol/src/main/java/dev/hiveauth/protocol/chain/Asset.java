package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact amount of HIVE, HBD or VESTS, held as integer satoshis (value × 10^precision) so nothing is
 * ever rounded. JSON form {@code "1.000 HIVE"}; binary form int64 amount ‖ uint8 precision ‖ 7-byte symbol.
 */
public final class Asset {
    private static final Pattern TEXT = Pattern.compile("(-?)([0-9]+)(?:\\.([0-9]+))? ([A-Za-z]+)");
    private static final int SYMBOL_BYTES = 7;

    private final long amount;
    private final AssetSymbol symbol;

    private Asset(long amount, AssetSymbol symbol) {
        this.amount = amount;
        this.symbol = symbol;
    }

    /** From satoshis: {@code Asset.of(1000, HIVE)} is 1.000 HIVE. */
    public static Asset of(long amount, AssetSymbol symbol) {
        if (symbol == null) {
            throw new IllegalArgumentException("asset symbol is required");
        }
        return new Asset(amount, symbol);
    }

    /**
     * Parses {@code "1.000 HIVE"} (STEEM and SBD are read as HIVE and HBD). The number of decimals must be
     * exactly the symbol's precision: {@code "1 HIVE"} and {@code "1.0000 HIVE"} are refused, not rounded.
     */
    public static Asset parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new ChainFormatException("", quote(text) + " is not an amount like \"1.000 HIVE\"");
        }
        AssetSymbol symbol = AssetSymbol.fromText(m.group(4)).orElseThrow(() -> new ChainFormatException("",
                "unknown asset symbol \"" + m.group(4) + "\" in " + quote(text) + " (expected HIVE, HBD or VESTS)"));
        String decimals = m.group(3) == null ? "" : m.group(3);
        if (decimals.length() != symbol.precision()) {
            throw new ChainFormatException("", quote(text) + " has " + decimals.length() + " decimals, "
                    + symbol + " takes " + symbol.precision());
        }
        BigInteger satoshis = new BigInteger(m.group(2) + decimals);
        if (!m.group(1).isEmpty()) {
            satoshis = satoshis.negate();
        }
        if (satoshis.bitLength() > 63) {
            throw new ChainFormatException("", quote(text) + " does not fit in a 64-bit amount");
        }
        return new Asset(satoshis.longValue(), symbol);
    }

    static Asset fromJson(JsonNode node, String path) {
        try {
            return parse(JsonInput.text(node, path));
        } catch (ChainFormatException e) {
            throw e.path().isEmpty() ? e.at(path) : e;
        }
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    /** The amount in satoshis (1.000 HIVE is 1000). */
    public long amount() {
        return amount;
    }

    /** The asset's symbol (HIVE, HBD or VESTS), which also gives its precision. */
    public AssetSymbol symbol() {
        return symbol;
    }

    /** The exact decimal value (1.000 HIVE is 1.000). */
    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(amount, symbol.precision());
    }

    void pack(ChainWriter out) {
        out.littleEndian(amount, 8).u8(symbol.precision());
        byte[] name = new byte[SYMBOL_BYTES];
        byte[] ascii = symbol.legacyName().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, name, 0, ascii.length);
        out.bytes(name);
    }

    static Asset unpack(ChainReader in, String path) {
        long amount = in.littleEndian(8, path);
        int precision = in.u8(path);
        byte[] name = in.bytes(SYMBOL_BYTES, path);
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        for (int i = end; i < name.length; i++) {
            if (name[i] != 0) {
                throw new ChainFormatException(path, "asset symbol is not NUL-padded");
            }
        }
        String legacyName = new String(name, 0, end, StandardCharsets.US_ASCII);
        AssetSymbol symbol = AssetSymbol.fromLegacyName(legacyName).orElseThrow(() ->
                new ChainFormatException(path, "unknown asset symbol \"" + legacyName + "\""));
        if (precision != symbol.precision()) {
            throw new ChainFormatException(path, legacyName + " with precision " + precision + ", expected "
                    + symbol.precision());
        }
        return new Asset(amount, symbol);
    }

    /** {@code "1.000 HIVE"}: the JSON form, with the current symbol names. */
    @Override
    public String toString() {
        return toBigDecimal().toPlainString() + " " + symbol;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Asset that && amount == that.amount && symbol == that.symbol;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(amount) * 31 + symbol.hashCode();
    }
}
