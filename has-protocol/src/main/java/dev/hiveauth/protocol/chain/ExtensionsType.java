package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An {@code extensions} field: a flat_set of static_variants, each written {@code [type, {...}]}.
 * {@link #NONE} is hived's {@code future_extensions} (only {@code void_t}): it must be empty, because
 * an entry carries nothing the chain uses and dhive refuses to serialize one. An absent field reads as
 * empty, as the nodes read it.
 */
final class ExtensionsType implements FieldType {
    static final ExtensionsType NONE = new ExtensionsType(Map.of());

    private final Map<Integer, StructType> variants;

    ExtensionsType(Map<Integer, StructType> variants) {
        this.variants = new TreeMap<>(variants);
    }

    Map<Integer, StructType> variants() {
        return variants;
    }

    @Override
    public Object fromJson(JsonNode json, String path) {
        JsonInput.array(json, path);
        if (variants.isEmpty() && !json.isEmpty()) {
            throw new ChainFormatException(path, "must be empty: the chain defines no extension here, got "
                    + JsonInput.describe(json));
        }
        List<Extension> extensions = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            String at = JsonInput.item(path, i);
            JsonNode item = json.get(i);
            if (!item.isArray() || item.size() != 2) {
                throw JsonInput.expected(at, "a [type, {...}] pair", item);
            }
            int type = (int) JsonInput.integer(item.get(0), at + "[0]", 0, Integer.MAX_VALUE);
            extensions.add(new Extension(type, variant(type, at).fromJson(item.get(1), at + "[1]")));
        }
        return normalize(extensions, path);
    }

    private StructType variant(int type, String path) {
        StructType variant = variants.get(type);
        if (variant == null) {
            String known = variants.entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue().fields().get(0).name())
                    .collect(Collectors.joining(", "));
            throw new ChainFormatException(path, "unknown extension type " + type + " (known: " + known + ")");
        }
        return variant;
    }

    private static List<Extension> normalize(List<Extension> extensions, String path) {
        List<Extension> sorted = new ArrayList<>(extensions);
        sorted.sort(Comparator.comparingInt(Extension::type));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).type() == sorted.get(i).type()) {
                throw new ChainFormatException(path, "extension type " + sorted.get(i).type() + " appears twice");
            }
        }
        return List.copyOf(sorted);
    }

    @Override
    public JsonNode toJson(Object value) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Object item : (List<?>) value) {
            Extension extension = (Extension) item;
            array.addArray().add(extension.type()).add(variants.get(extension.type()).toJson(extension.value()));
        }
        return array;
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        List<?> list = (List<?>) value;
        out.varint(list.size());
        for (Object item : list) {
            Extension extension = (Extension) item;
            out.varint(extension.type());
            variants.get(extension.type()).pack(out, extension.value());
        }
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        int count = in.length(path);
        if (variants.isEmpty() && count > 0) {
            throw new ChainFormatException(path, "must be empty: the chain defines no extension here");
        }
        List<Extension> extensions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String at = JsonInput.item(path, i);
            int type = (int) in.varint(at);
            extensions.add(new Extension(type, variant(type, at).unpack(in, at)));
        }
        return normalize(extensions, path);
    }

    @Override
    public Object whenMissing() {
        return List.of();
    }
}
