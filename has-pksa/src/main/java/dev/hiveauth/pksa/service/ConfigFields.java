package dev.hiveauth.pksa.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads typed fields of a configuration object, failing with {@code file: where.field must be …}. JSON
 * {@code null} counts as absent, as the reference PKSA's {@code ||} defaults treat it.
 */
final class ConfigFields {
    private final JsonNode object;
    private final String where;

    ConfigFields(JsonNode object, String where) {
        this.object = object;
        this.where = where;
    }

    JsonNode node(String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String field) {
        return node(field) != null;
    }

    String string(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw problem(field, "is required");
        }
        return value;
    }

    String optionalString(String field) {
        JsonNode value = node(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw problem(field, "must be a string");
        }
        return value.textValue();
    }

    boolean bool(String field, boolean otherwise) {
        JsonNode value = node(field);
        if (value == null) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw problem(field, "must be true or false");
        }
        return value.booleanValue();
    }

    Double optionalNumber(String field) {
        JsonNode value = node(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw problem(field, "must be a number");
        }
        return value.doubleValue();
    }

    /** A whole number of milliseconds or a nonce: JSON integers (JavaScript numbers without a fraction). */
    Long optionalLong(String field) {
        JsonNode value = node(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw problem(field, "must be a whole number");
        }
        return value.longValue();
    }

    long longValue(String field) {
        Long value = optionalLong(field);
        if (value == null) {
            throw problem(field, "is required");
        }
        return value;
    }

    ConfigException problem(String field, String what) {
        return new ConfigException(where + "." + field + " " + what);
    }
}
