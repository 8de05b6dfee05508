package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;

/** A fixed-width little-endian integer, limited to [min, max] (the C++ type's range or a tighter chain rule). */
record IntType(int bytes, long min, long max) implements FieldType {
    static final IntType UINT8 = new IntType(1, 0, 0xFF);
    static final IntType UINT16 = new IntType(2, 0, 0xFFFF);
    static final IntType UINT32 = new IntType(4, 0, 0xFFFF_FFFFL);
    /** Proposal ids: int64 on the chain, never negative in practice. */
    static final IntType ID64 = new IntType(8, 0, Long.MAX_VALUE);
    /** HIVE_100_PERCENT in basis points, for uint16 percentages. */
    static final IntType PERCENT = new IntType(2, 0, 10_000);

    @Override
    public Object fromJson(JsonNode json, String path) {
        return JsonInput.integer(json, path, min, max);
    }

    @Override
    public JsonNode toJson(Object value) {
        return number((Long) value);
    }

    /** The node type Jackson reads the number back as, so written and parsed trees compare equal. */
    static JsonNode number(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        out.littleEndian((Long) value, bytes);
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        long raw = in.littleEndian(bytes, path);
        long value = min < 0 && bytes < 8 ? (raw << (64 - 8 * bytes)) >> (64 - 8 * bytes) : raw;
        if (value < min || value > max) {
            throw new ChainFormatException(path, value + " is out of range " + min + ".." + max);
        }
        return value;
    }
}
