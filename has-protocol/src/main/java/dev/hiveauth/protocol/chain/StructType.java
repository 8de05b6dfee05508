package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered set of named fields, serialized in that order (the order of hived's FC_REFLECT). Values are
 * unmodifiable {@code Map<String, Object>} in field order. Unknown JSON fields are refused; absent
 * ones too, except optionals and extensions.
 */
final class StructType implements FieldType {
    /** One named field. */
    record Field(String name, FieldType type) {
    }

    private final List<Field> fields;
    private final List<String> names;

    StructType(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.names = fields.stream().map(Field::name).toList();
    }

    List<Field> fields() {
        return fields;
    }

    @Override
    public Map<String, Object> fromJson(JsonNode json, String path) {
        JsonInput.object(json, path);
        JsonInput.rejectUnknownFields(json, names, path);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : fields) {
            JsonNode node = json.get(field.name());
            Object value = node == null ? field.type().whenMissing() : field.type().fromJson(node, JsonInput.child(path, field.name()));
            if (value == null) {
                throw new ChainFormatException(path, "missing field \"" + field.name() + "\"");
            }
            values.put(field.name(), value);
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    public JsonNode toJson(Object value) {
        Map<?, ?> values = (Map<?, ?>) value;
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Field field : fields) {
            Object fieldValue = values.get(field.name());
            if (!(fieldValue instanceof Optional<?> optional && optional.isEmpty())) {
                json.set(field.name(), field.type().toJson(fieldValue));
            }
        }
        return json;
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        Map<?, ?> values = (Map<?, ?>) value;
        for (Field field : fields) {
            field.type().pack(out, values.get(field.name()));
        }
    }

    @Override
    public Map<String, Object> unpack(ChainReader in, String path) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : fields) {
            values.put(field.name(), field.type().unpack(in, JsonInput.child(path, field.name())));
        }
        return Collections.unmodifiableMap(values);
    }
}
