package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The part of a node's dynamic global properties a transaction needs: the head block it references
 * (TaPoS) and the chain's time, from which expiration is counted.
 */
public record DynamicGlobalProperties(long headBlockNumber, String headBlockId, Instant time) {
    /** Checks the head block number and id as a transaction's reference block needs them. */
    public DynamicGlobalProperties {
        if (headBlockNumber < 0 || headBlockNumber > 0xFFFF_FFFFL) {
            throw new ChainFormatException("head_block_number", headBlockNumber + " is out of range 0..4294967295");
        }
        if (headBlockId == null || !headBlockId.matches("[0-9a-fA-F]{40}")) {
            throw new ChainFormatException("head_block_id", "expected 40 hex characters, got "
                    + (headBlockId == null ? "nothing" : "\"" + headBlockId + "\""));
        }
        headBlockId = headBlockId.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(time, "time");
    }

    /** Reads a {@code get_dynamic_global_properties} result; fields other than the three used are ignored. */
    public static DynamicGlobalProperties fromJson(JsonNode json) {
        JsonInput.object(json, "dynamic_global_properties");
        long number = JsonInput.integer(JsonInput.required(json, "head_block_number", "dynamic_global_properties"),
                "head_block_number", 0, 0xFFFF_FFFFL);
        String id = JsonInput.text(JsonInput.required(json, "head_block_id", "dynamic_global_properties"), "head_block_id");
        Instant time = (Instant) DateType.INSTANCE.fromJson(JsonInput.required(json, "time", "dynamic_global_properties"),
                "time");
        return new DynamicGlobalProperties(number, id, time);
    }

    /** The low 16 bits of the head block number. */
    public int refBlockNum() {
        return (int) (headBlockNumber & 0xFFFF);
    }

    /** Bytes 4..8 of the head block id read as a little-endian uint32 (bytes 0..4 are the block number). */
    public long refBlockPrefix() {
        byte[] id = HexFormat.of().parseHex(headBlockId);
        return (id[4] & 0xFFL) | (id[5] & 0xFFL) << 8 | (id[6] & 0xFFL) << 16 | (id[7] & 0xFFL) << 24;
    }
}
