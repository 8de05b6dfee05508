package dev.hiveauth.protocol.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends values in the chain's legacy binary form (fc::raw::pack): little-endian, varint lengths. */
final class ChainWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ChainWriter u8(int value) {
        out.write(value);
        return this;
    }

    ChainWriter littleEndian(long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    /** Unsigned LEB128, as fc's {@code unsigned_int}: 7 bits a byte, low groups first. */
    ChainWriter varint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
        return this;
    }

    ChainWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    /** A string: varint byte length, then UTF-8. */
    ChainWriter string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return varint(utf8.length).bytes(utf8);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
