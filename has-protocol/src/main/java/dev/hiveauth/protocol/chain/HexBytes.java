package dev.hiveauth.protocol.chain;

import java.util.Arrays;
import java.util.HexFormat;

/** Immutable bytes written as lowercase hex in JSON (custom data, witness properties, block ids). */
public final class HexBytes {
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private HexBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The bytes of {@code bytes}, copied. */
    public static HexBytes of(byte[] bytes) {
        return new HexBytes(bytes.clone());
    }

    /** Parses hex (either case, even length; empty is allowed). */
    public static HexBytes fromHex(String hex) {
        if (hex == null || hex.length() % 2 != 0) {
            throw new ChainFormatException("", "expected hex bytes, got "
                    + (hex == null ? "null" : "\"" + abbreviate(hex) + "\" (odd length)"));
        }
        try {
            return new HexBytes(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new ChainFormatException("", "expected hex bytes, got \"" + abbreviate(hex) + "\"");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** The bytes (a copy). */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** How many bytes there are. */
    public int size() {
        return bytes.length;
    }

    /** The bytes as lowercase hex, as the chain's JSON writes them. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HexBytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
