package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** An optional&lt;T&gt;: absent (or null) in JSON, {@code 00} or {@code 01 ‖ value} in binary. */
record OptionalType(FieldType inner) implements FieldType {
    @Override
    public Object fromJson(JsonNode json, String path) {
        if (json == null || json.isNull()) {
            return Optional.empty();
        }
        return Optional.of(inner.fromJson(json, path));
    }

    /** Only called for a present value: structs leave empty optionals out of their JSON, as the nodes do. */
    @Override
    public JsonNode toJson(Object value) {
        return inner.toJson(((Optional<?>) value).orElseThrow());
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        Optional<?> optional = (Optional<?>) value;
        out.u8(optional.isPresent() ? 1 : 0);
        optional.ifPresent(present -> inner.pack(out, present));
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        int flag = in.u8(path);
        if (flag > 1) {
            throw new ChainFormatException(path, "optional flag must be 0 or 1, got " + flag);
        }
        return flag == 0 ? Optional.empty() : Optional.of(inner.unpack(in, path));
    }

    @Override
    public Object whenMissing() {
        return Optional.empty();
    }
}
