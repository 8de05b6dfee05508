package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

/** A bool: JSON true/false, one byte 0 or 1. */
final class BoolType implements FieldType {
    static final BoolType INSTANCE = new BoolType();

    private BoolType() {
    }

    @Override
    public Object fromJson(JsonNode json, String path) {
        return JsonInput.bool(json, path);
    }

    @Override
    public JsonNode toJson(Object value) {
        return BooleanNode.valueOf((Boolean) value);
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        out.u8((Boolean) value ? 1 : 0);
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        int b = in.u8(path);
        if (b > 1) {
            throw new ChainFormatException(path, "bool byte must be 0 or 1, got " + b);
        }
        return b == 1;
    }
}
