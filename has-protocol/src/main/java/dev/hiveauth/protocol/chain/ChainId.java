package dev.hiveauth.protocol.chain;

import java.util.Arrays;
import java.util.HexFormat;

/** The 32-byte chain id prepended to a transaction before hashing it for signatures. */
public final class ChainId {
    /** Hive mainnet: {@code beeab0de} followed by 28 zero bytes. */
    public static final ChainId MAINNET = fromHex("beeab0de00000000000000000000000000000000000000000000000000000000");

    private final byte[] bytes;

    private ChainId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Parses 64 hex characters (a testnet's id, for example). */
    public static ChainId fromHex(String hex) {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("chain id must be 64 hex characters");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("chain id must be 32 bytes, got " + bytes.length);
        }
        return new ChainId(bytes);
    }

    /** The 32 bytes of the chain id (a copy). */
    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChainId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
