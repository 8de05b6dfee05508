package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;

/** Checks the shape of JSON input, failing with the path and what was found instead. */
final class JsonInput {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonInput() {
    }

    static JsonNode parse(String text, String what) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ChainFormatException(what, "empty JSON text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ChainFormatException(what, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** True if {@code text} is one complete JSON value, as the chain requires of json_metadata and custom_json. */
    static boolean isJson(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node != null && !node.isMissingNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** A short rendering of what was found, for error messages. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    static ChainFormatException expected(String path, String what, JsonNode found) {
        return new ChainFormatException(path, "expected " + what + ", got " + describe(found));
    }

    static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw expected(path, "an object", node);
        }
        return node;
    }

    static JsonNode array(JsonNode node, String path) {
        if (node == null || !node.isArray()) {
            throw expected(path, "an array", node);
        }
        return node;
    }

    static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw expected(path, "a string", node);
        }
        return node.textValue();
    }

    static boolean bool(JsonNode node, String path) {
        if (node == null || !node.isBoolean()) {
            throw expected(path, "true or false", node);
        }
        return node.booleanValue();
    }

    /** An integer in [min, max], as a JSON number or a decimal string (nodes write big ones as strings). */
    static long integer(JsonNode node, String path, long min, long max) {
        BigInteger value = null;
        if (node != null && node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node != null && node.isTextual() && node.textValue().matches("-?[0-9]{1,30}")) {
            value = new BigInteger(node.textValue());
        }
        if (value == null) {
            throw expected(path, "an integer", node);
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ChainFormatException(path, value + " is out of range " + min + ".." + max);
        }
        return value.longValue();
    }

    /** Fails on the first field of {@code node} that is not in {@code known}. */
    static void rejectUnknownFields(JsonNode node, Collection<String> known, String path) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ChainFormatException(path, "unknown field \"" + name + "\"");
            }
        }
    }

    /** The value of a field that must be present. */
    static JsonNode required(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw new ChainFormatException(path, "missing field \"" + field + "\"");
        }
        return value;
    }

    static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String item(String path, int index) {
        return path + "[" + index + "]";
    }
}
