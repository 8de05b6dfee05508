package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * witness_set_properties' {@code props}: a flat_map&lt;string, bytes&gt; written as
 * {@code [["key", "hex of the packed value"], …]}, sorted by name. The chain insists on {@code "key"}
 * (the current signing key, which must sign the transaction); it and {@code "new_signing_key"} must hold a
 * packed public key. Other values are passed through as bytes.
 */
final class WitnessPropsType implements FieldType {
    static final WitnessPropsType INSTANCE = new WitnessPropsType();

    private WitnessPropsType() {
    }

    @Override
    public Object fromJson(JsonNode json, String path) {
        JsonInput.array(json, path);
        Map<String, HexBytes> props = new TreeMap<>(ListType.BYTEWISE);
        for (int i = 0; i < json.size(); i++) {
            String at = JsonInput.item(path, i);
            JsonNode pair = json.get(i);
            if (!pair.isArray() || pair.size() != 2) {
                throw JsonInput.expected(at, "a [name, hex] pair", pair);
            }
            String name = (String) TextType.ANY.fromJson(pair.get(0), at + "[0]");
            HexBytes value = (HexBytes) BytesType.VARIABLE.fromJson(pair.get(1), at + "[1]");
            if (props.put(name, value) != null) {
                throw new ChainFormatException(at, "property \"" + name + "\" appears twice");
            }
        }
        return check(props, path);
    }

    private static Map<String, HexBytes> check(Map<String, HexBytes> props, String path) {
        if (!props.containsKey("key")) {
            throw new ChainFormatException(path, "must contain \"key\", the witness's current signing key");
        }
        for (String keyProperty : new String[] {"key", "new_signing_key"}) {
            HexBytes value = props.get(keyProperty);
            if (value != null) {
                if (value.size() != 33) {
                    throw new ChainFormatException(path + "." + keyProperty, "must be a 33-byte public key, got "
                            + value.size() + " bytes");
                }
                PublicKeyType.fromBytes(value.toBytes(), path + "." + keyProperty);
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(props));
    }

    @Override
    public JsonNode toJson(Object value) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        ((Map<?, ?>) value).forEach((name, bytes) -> array.addArray().add((String) name).add(((HexBytes) bytes).toHex()));
        return array;
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        Map<?, ?> props = (Map<?, ?>) value;
        out.varint(props.size());
        props.forEach((name, bytes) -> {
            out.string((String) name);
            BytesType.VARIABLE.pack(out, bytes);
        });
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        Map<String, HexBytes> props = new TreeMap<>(ListType.BYTEWISE);
        for (int i = in.length(path); i > 0; i--) {
            String name = in.string(path);
            props.put(name, (HexBytes) BytesType.VARIABLE.unpack(in, path));
        }
        return check(props, path);
    }
}
