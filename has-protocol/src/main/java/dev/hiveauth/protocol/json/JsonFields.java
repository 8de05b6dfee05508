package dev.hiveauth.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Typed reads of the fields of one JSON object, each failing with a precise message such as
 * {@code auth_req: "data" must be a string}. Values are never coerced (a number is not a string), and a
 * JSON {@code null} counts as an absent field: JavaScript peers send {@code null} for unset values.
 * Unknown fields are simply not read.
 */
public final class JsonFields {
    private final ObjectNode object;
    private final String context;
    private final String path;
    private final Function<String, ? extends RuntimeException> errors;

    private JsonFields(ObjectNode object, String context, String path,
            Function<String, ? extends RuntimeException> errors) {
        this.object = object;
        this.context = context;
        this.path = path;
        this.errors = errors;
    }

    /**
     * Reads {@code object}; messages start with {@code context + ": "} and become exceptions through
     * {@code errors} (e.g. {@code ProtocolException::new}).
     */
    public static JsonFields of(ObjectNode object, String context,
            Function<String, ? extends RuntimeException> errors) {
        return new JsonFields(object, context, "", errors);
    }

    /** True when the field is present and not {@code null}. */
    public boolean has(String name) {
        return value(name) != null;
    }

    /** The string field {@code name}, which must be present. */
    public String string(String name) {
        return text(name, required(name));
    }

    /** The string, or null when absent. */
    public String optionalString(String name) {
        JsonNode node = value(name);
        return node == null ? null : text(name, node);
    }

    /** The boolean field {@code name}, which must be present. */
    public boolean bool(String name) {
        return booleanValue(name, required(name));
    }

    /** The boolean, or null when absent. */
    public Boolean optionalBool(String name) {
        JsonNode node = value(name);
        return node == null ? null : booleanValue(name, node);
    }

    /** An integer from 0 to {@link Long#MAX_VALUE} (epoch milliseconds, nonces). */
    public long nonNegativeLong(String name) {
        return longValue(name, required(name));
    }

    /** An integer from 0 to {@link Long#MAX_VALUE}, or null when absent. */
    public Long optionalNonNegativeLong(String name) {
        JsonNode node = value(name);
        return node == null ? null : longValue(name, node);
    }

    /** An integer from 0 to {@link Integer#MAX_VALUE}. */
    public int nonNegativeInt(String name) {
        long value = nonNegativeLong(name);
        if (value > Integer.MAX_VALUE) {
            throw error(name, "is out of range");
        }
        return (int) value;
    }

    /** Any JSON number, exact. */
    public BigDecimal number(String name) {
        JsonNode node = required(name);
        if (!node.isNumber()) {
            throw error(name, "must be a number");
        }
        return node.decimalValue();
    }

    /** The value whatever its type (callers check the types they allow). */
    public JsonNode node(String name) {
        return required(name);
    }

    /** The array field {@code name}, which must be present. */
    public ArrayNode array(String name) {
        JsonNode node = required(name);
        if (!node.isArray()) {
            throw error(name, "must be an array");
        }
        return (ArrayNode) node;
    }

    /** The fields of a nested object; their messages name them {@code "name.field"}. */
    public JsonFields object(String name) {
        return nested(name, required(name));
    }

    /** The fields of a nested object, or null when absent. */
    public JsonFields optionalObject(String name) {
        JsonNode node = value(name);
        return node == null ? null : nested(name, node);
    }

    /** The fields of element {@code index} of array field {@code name}, named {@code "name[index].field"}. */
    public JsonFields element(String name, int index, JsonNode element) {
        String elementName = name + "[" + index + "]";
        if (!element.isObject()) {
            throw error(elementName, "must be an object");
        }
        return new JsonFields((ObjectNode) element, context, path + elementName + ".", errors);
    }

    /** The error for a field: {@code context: "path.name" problem}. */
    public RuntimeException error(String name, String problem) {
        return errors.apply(context + ": \"" + path + name + "\" " + problem);
    }

    private JsonFields nested(String name, JsonNode node) {
        if (!node.isObject()) {
            throw error(name, "must be an object");
        }
        return new JsonFields((ObjectNode) node, context, path + name + ".", errors);
    }

    private JsonNode value(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private JsonNode required(String name) {
        JsonNode node = value(name);
        if (node == null) {
            throw error(name, "is required");
        }
        return node;
    }

    private String text(String name, JsonNode node) {
        if (!node.isTextual()) {
            throw error(name, "must be a string");
        }
        return node.textValue();
    }

    private boolean booleanValue(String name, JsonNode node) {
        if (!node.isBoolean()) {
            throw error(name, "must be a boolean");
        }
        return node.booleanValue();
    }

    private long longValue(String name, JsonNode node) {
        // Only integer literals: 1.5, 1.0 and 1e3 are refused (JSON.stringify writes integers without them).
        if (!node.isIntegralNumber()) {
            throw error(name, "must be an integer");
        }
        if (!node.canConvertToLong() || node.longValue() < 0) {
            throw error(name, "is out of range");
        }
        return node.longValue();
    }
}
