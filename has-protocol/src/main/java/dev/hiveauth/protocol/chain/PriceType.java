package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;

/** A price field ({@code {"base": "…", "quote": "…"}}). */
final class PriceType implements FieldType {
    static final PriceType INSTANCE = new PriceType();

    private PriceType() {
    }

    @Override
    public Object fromJson(JsonNode json, String path) {
        return Price.fromJson(json, path);
    }

    @Override
    public JsonNode toJson(Object value) {
        return ((Price) value).toJson();
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        ((Price) value).pack(out);
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        return Price.unpack(in, path);
    }
}
