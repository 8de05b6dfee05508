package dev.hiveauth.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Parses one JSON object from a text, strictly: the tree is built here from Jackson's streaming parser so
 * that every refusal has a precise {@link MalformedJsonException.Kind}, duplicate keys are refused (a
 * JavaScript peer keeps the last one, Jackson's default too; refusing removes the ambiguity), nesting is
 * bounded, integers keep their exact value and fractions are read as exact {@link java.math.BigDecimal}s
 * (so {@code 0.8} stays {@code 0.8}). Thread-safe.
 */
public final class StrictJson {
    /** Deepest nesting of objects and arrays accepted; real messages and payloads stay under 10. */
    public static final int MAX_DEPTH = 32;

    // JsonFactory is thread-safe once configured; default features already refuse comments, single quotes,
    // NaN, leading zeros and unescaped control characters.
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrictJson() {
    }

    /**
     * The object the whole {@code text} consists of (surrounding whitespace allowed).
     *
     * @throws MalformedJsonException saying what is wrong; its message quotes at most a short excerpt
     */
    public static ObjectNode parseObject(String text) {
        if (text.isBlank()) {
            throw new MalformedJsonException(MalformedJsonException.Kind.EMPTY, "empty");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonNode root;
            try {
                parser.nextToken();
                root = readValue(parser, 1);
            } catch (StreamConstraintsException e) {
                throw new MalformedJsonException(MalformedJsonException.Kind.TOO_LONG, "a value is too long");
            } catch (JsonProcessingException e) {
                throw new MalformedJsonException(MalformedJsonException.Kind.SYNTAX, "not valid JSON");
            }
            try {
                if (parser.nextToken() != null) {
                    throw trailingData();
                }
            } catch (JsonProcessingException e) {
                throw trailingData();
            }
            if (!root.isObject()) {
                throw new MalformedJsonException(MalformedJsonException.Kind.NOT_OBJECT, "not a JSON object");
            }
            return (ObjectNode) root;
        } catch (IOException e) {
            // Reading from a String: only parse errors, all handled above.
            throw new UncheckedIOException(e);
        }
    }

    private static MalformedJsonException trailingData() {
        return new MalformedJsonException(MalformedJsonException.Kind.TRAILING_DATA,
                "trailing data after the JSON value");
    }

    private static JsonNode readValue(JsonParser parser, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new MalformedJsonException(MalformedJsonException.Kind.SYNTAX, "not valid JSON");
        }
        switch (token) {
            case START_OBJECT:
                return readObject(parser, depth);
            case START_ARRAY:
                return readArray(parser, depth);
            case VALUE_STRING:
                return TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return DecimalNode.valueOf(parser.getDecimalValue());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                throw new MalformedJsonException(MalformedJsonException.Kind.SYNTAX, "not valid JSON");
        }
    }

    private static ObjectNode readObject(JsonParser parser, int depth) throws IOException {
        checkDepth(depth);
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            JsonNode value = readValue(parser, depth + 1);
            if (object.putIfAbsent(name, value) != null) {
                throw new MalformedJsonException(MalformedJsonException.Kind.DUPLICATE_KEY,
                        "duplicate key \"" + Excerpt.of(name) + "\"");
            }
        }
        return object;
    }

    private static ArrayNode readArray(JsonParser parser, int depth) throws IOException {
        checkDepth(depth);
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser, depth + 1));
        }
        return array;
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedJsonException(MalformedJsonException.Kind.TOO_DEEP,
                    "nested deeper than " + MAX_DEPTH + " levels");
        }
    }
}
