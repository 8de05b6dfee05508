package dev.hiveauth.protocol.crypto;

/**
 * An unsigned LEB128 varint32 as Hive (fc::raw) and bytebuffer.js write lengths: 7 bits a byte, low groups first,
 * 0x80 meaning "more follows", at most 5 bytes.
 *
 * @param value the decoded value, 0..2^32-1
 * @param end   the offset just after the varint
 */
record Varint(long value, int end) {
    private static final int MAX_BYTES = 5;

    static int size(int length) {
        int size = 1;
        while ((length >>>= 7) != 0) {
            size++;
        }
        return size;
    }

    /** Writes a non-negative length at {@code offset}; returns the offset just after it. */
    static int write(int length, byte[] out, int offset) {
        int rest = length;
        while ((rest & ~0x7F) != 0) {
            out[offset++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out[offset++] = (byte) rest;
        return offset;
    }

    /** The varint at {@code offset}, or null if the bytes end first or it does not fit in 32 bits. */
    static Varint read(byte[] in, int offset) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES && offset + i < in.length; i++) {
            int b = in[offset + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value > 0xFFFF_FFFFL ? null : new Varint(value, offset + i + 1);
            }
        }
        return null;
    }
}
