package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Raw bytes written as hex: variable length (vector&lt;char&gt;, varint length first) or fixed length
 * (block ids and merkle roots of 20 bytes, signatures of 65, written without a length).
 */
record BytesType(int fixedLength, int maxLength) implements FieldType {
    static final BytesType VARIABLE = new BytesType(-1, Integer.MAX_VALUE);
    /** custom_binary data: HIVE_CUSTOM_OP_DATA_MAX_LENGTH. */
    static final BytesType CUSTOM_DATA = new BytesType(-1, 8192);
    static final BytesType RIPEMD160 = new BytesType(20, 20);
    static final BytesType SIGNATURE = new BytesType(65, 65);

    @Override
    public Object fromJson(JsonNode json, String path) {
        HexBytes bytes;
        try {
            bytes = HexBytes.fromHex(JsonInput.text(json, path));
        } catch (ChainFormatException e) {
            throw e.path().isEmpty() ? e.at(path) : e;
        }
        return check(bytes, path);
    }

    private HexBytes check(HexBytes bytes, String path) {
        if (fixedLength >= 0 && bytes.size() != fixedLength) {
            throw new ChainFormatException(path, "must be " + fixedLength + " bytes, got " + bytes.size());
        }
        if (bytes.size() > maxLength) {
            throw new ChainFormatException(path, "is " + bytes.size() + " bytes, at most " + maxLength + " allowed");
        }
        return bytes;
    }

    @Override
    public JsonNode toJson(Object value) {
        return TextNode.valueOf(((HexBytes) value).toHex());
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        HexBytes bytes = (HexBytes) value;
        if (fixedLength < 0) {
            out.varint(bytes.size());
        }
        out.bytes(bytes.toBytes());
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        int length = fixedLength >= 0 ? fixedLength : in.length(path);
        return check(HexBytes.of(in.bytes(length, path)), path);
    }
}
