package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A vector&lt;T&gt; (kept in the given order) or, with an {@code order}, a flat_set&lt;T&gt;: sorted the way
 * the chain sorts it, because a node rebuilds the set in that order before checking signatures. Duplicates
 * in a set are refused rather than silently dropped.
 */
record ListType(FieldType element, Comparator<Object> order, int minSize, int maxSize) implements FieldType {
    /** Account names (fixed_string) compare as their bytes. */
    static final Comparator<Object> BYTEWISE = (a, b) ->
            Arrays.compareUnsigned(((String) a).getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
    static final Comparator<Object> NUMERIC = Comparator.comparingLong(value -> (Long) value);

    static ListType vector(FieldType element) {
        return new ListType(element, null, 0, Integer.MAX_VALUE);
    }

    static ListType set(FieldType element, Comparator<Object> order) {
        return new ListType(element, order, 0, Integer.MAX_VALUE);
    }

    ListType size(int min, int max) {
        return new ListType(element, order, min, max);
    }

    @Override
    public Object fromJson(JsonNode json, String path) {
        JsonInput.array(json, path);
        List<Object> values = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            values.add(element.fromJson(json.get(i), JsonInput.item(path, i)));
        }
        return normalize(values, path);
    }

    private List<Object> normalize(List<Object> values, String path) {
        if (values.size() < minSize) {
            throw new ChainFormatException(path, "needs at least " + minSize + (minSize == 1 ? " entry" : " entries"));
        }
        if (values.size() > maxSize) {
            throw new ChainFormatException(path, "has " + values.size() + " entries, at most " + maxSize + " allowed");
        }
        if (order == null) {
            return List.copyOf(values);
        }
        List<Object> sorted = new ArrayList<>(values);
        sorted.sort(order);
        for (int i = 1; i < sorted.size(); i++) {
            if (order.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
                throw new ChainFormatException(path, element.toJson(sorted.get(i)) + " appears twice");
            }
        }
        return List.copyOf(sorted);
    }

    @Override
    public JsonNode toJson(Object value) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Object item : (List<?>) value) {
            array.add(element.toJson(item));
        }
        return array;
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        List<?> list = (List<?>) value;
        out.varint(list.size());
        for (Object item : list) {
            element.pack(out, item);
        }
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        int count = in.length(path);
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(element.unpack(in, JsonInput.item(path, i)));
        }
        return normalize(values, path);
    }
}
