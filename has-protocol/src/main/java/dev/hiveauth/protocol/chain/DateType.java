package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;

/** A time_point_sec field: {@code "2026-11-22T20:00:00"} in JSON, uint32 seconds in binary. */
final class DateType implements FieldType {
    static final DateType INSTANCE = new DateType();

    private DateType() {
    }

    @Override
    public Object fromJson(JsonNode json, String path) {
        String text = JsonInput.text(json, path);
        try {
            return HiveTime.parse(text);
        } catch (ChainFormatException e) {
            throw e.at(path);
        }
    }

    @Override
    public JsonNode toJson(Object value) {
        return TextNode.valueOf(HiveTime.format((Instant) value));
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        HiveTime.pack(out, (Instant) value);
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        return HiveTime.unpack(in, path);
    }
}
