package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of the chain's field types (string, asset, authority, flat_set…), known to the operation schema.
 * Each type reads and checks its JSON form, writes it back, and packs and unpacks the legacy binary
 * form, so a single table of operation definitions drives validation, serialization and JSON.
 * Values are plain Java objects: String, Long, Boolean, Asset, Price, Authority, PublicKey, Instant,
 * HexBytes, Optional, List, Map (structs and witness properties) and Extension.
 */
interface FieldType {
    /** Reads and checks the JSON form; errors name {@code path}. */
    Object fromJson(JsonNode json, String path);

    JsonNode toJson(Object value);

    void pack(ChainWriter out, Object value);

    Object unpack(ChainReader in, String path);

    /** The value when the field is absent from JSON, or {@code null} when it must be present. */
    default Object whenMissing() {
        return null;
    }
}
