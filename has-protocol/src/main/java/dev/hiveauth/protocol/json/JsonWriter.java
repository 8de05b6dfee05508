package dev.hiveauth.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes compact JSON exactly as JavaScript's {@code JSON.stringify} does for the same values in the same
 * order: no whitespace, strings escaped like ECMAScript's QuoteJSONString (short escapes for
 * {@code \b \t \n \f \r " \}, {@code \}{@code u00xx} in lower-case hex for other control characters and for
 * unpaired surrogates, everything else literal). Jackson differs on the last two points (upper-case hex,
 * unpaired surrogates written raw), and the {@code has://} payload must match the JavaScript bytes.
 *
 * <p>Usage: {@code new JsonWriter().beginObject().field("cmd", "key_req").endObject().toString()}. The
 * writer does not check the structure; its callers are the codecs of this module. Not thread-safe.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(128);
    private boolean needsComma;

    /** Opens an object. */
    public JsonWriter beginObject() {
        separate();
        out.append('{');
        needsComma = false;
        return this;
    }

    /** Closes the object opened last. */
    public JsonWriter endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    /** Opens an array. */
    public JsonWriter beginArray() {
        separate();
        out.append('[');
        needsComma = false;
        return this;
    }

    /** Closes the array opened last. */
    public JsonWriter endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    /** Writes a key; the next call writes its value. */
    public JsonWriter name(String name) {
        separate();
        quote(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    /** Writes a string value. */
    public JsonWriter value(String value) {
        separate();
        quote(value);
        needsComma = true;
        return this;
    }

    /** Writes a number value. */
    public JsonWriter value(long value) {
        separate();
        out.append(value);
        needsComma = true;
        return this;
    }

    /** Writes a boolean value. */
    public JsonWriter value(boolean value) {
        separate();
        out.append(value);
        needsComma = true;
        return this;
    }

    /** A number written without exponent and without trailing zeros ({@code 1}, {@code 0.8}). */
    public JsonWriter value(BigDecimal value) {
        separate();
        out.append(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        needsComma = true;
        return this;
    }

    /** A Jackson tree, keys in their order; numbers as parsed (exact integers and decimals). */
    public JsonWriter value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                beginObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    name(field.getKey()).value(field.getValue());
                }
                return endObject();
            case ARRAY:
                beginArray();
                for (JsonNode element : node) {
                    value(element);
                }
                return endArray();
            case STRING:
                return value(node.textValue());
            case BOOLEAN:
                return value(node.booleanValue());
            case NUMBER:
                separate();
                // BigDecimal.toString may use an exponent ("1E+3"): still valid JSON, and exact.
                out.append(node.isIntegralNumber() ? node.bigIntegerValue() : node.decimalValue());
                needsComma = true;
                return this;
            case NULL:
                separate();
                out.append("null");
                needsComma = true;
                return this;
            default:
                throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node as JSON");
        }
    }

    /** A string field. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    /** A string field, or nothing when {@code value} is null (the field is absent). */
    public JsonWriter optionalField(String name, String value) {
        return value == null ? this : name(name).value(value);
    }

    /** Writes a field with a number value. */
    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    /** A number field, or nothing when {@code value} is null. */
    public JsonWriter optionalField(String name, Long value) {
        return value == null ? this : name(name).value(value.longValue());
    }

    /** A boolean field, or nothing when {@code value} is null. */
    public JsonWriter optionalField(String name, Boolean value) {
        return value == null ? this : name(name).value(value.booleanValue());
    }

    /** The JSON text written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (needsComma) {
            out.append(',');
        }
    }

    /**
     * Writes {@code text} as {@code JSON.stringify} does. Runs of characters that need no escape are copied at once: a
     * relay writes every forwarded request's {@code data}, thousands of plain Base64 characters, through here.
     */
    private void quote(String text) {
        out.append('"');
        int length = text.length();
        int unwritten = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a well-formed pair is written as it is
                continue;
            }
            out.append(text, unwritten, i);
            escape(c);
            unwritten = i + 1;
        }
        out.append(text, unwritten, length);
        out.append('"');
    }

    private void escape(char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\f' -> out.append("\\f");
            case '\r' -> out.append("\\r");
            // other controls, and (ES2019 "well-formed JSON.stringify") an unpaired surrogate, never written raw
            default -> unicodeEscape(c);
        }
    }

    private void unicodeEscape(char c) {
        out.append("\\u")
                .append(HEX[c >> 12 & 0xF])
                .append(HEX[c >> 8 & 0xF])
                .append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
    }
}
