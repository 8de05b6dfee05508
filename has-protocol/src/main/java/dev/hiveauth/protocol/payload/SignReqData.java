package dev.hiveauth.protocol.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hiveauth.protocol.json.JsonFields;
import dev.hiveauth.protocol.json.JsonWriter;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sign_req_data}, APP→PKSA inside {@code sign_req.data}: operations to sign.
 *
 * @param keyType the key to sign with: posting or active
 * @param ops the operations, a JSON array of {@code ["op_name", {...}]} pairs, kept as a tree (the chain
 *     package validates operations); the record keeps a private copy and {@link #ops()} returns a copy
 * @param broadcast true: the PKSA broadcasts and answers the txid; false: it answers the signed transaction
 * @param nonce epoch ms, strictly increasing per authentication (the PKSA's replay guard), or null:
 *     hive-auth-wrapper 0.8 sent none, and PKSAs refuse a {@code sign_req} without one
 */
public record SignReqData(KeyType keyType, JsonNode ops, boolean broadcast, Long nonce) {
    static final String NAME = "sign_req_data";
    private static final Set<KeyType> KEY_TYPES = EnumSet.of(KeyType.POSTING, KeyType.ACTIVE);

    /** Checks that the key type is posting or active and the operations are a JSON array. */
    public SignReqData {
        Objects.requireNonNull(keyType, "keyType");
        if (!KEY_TYPES.contains(keyType)) {
            throw new IllegalArgumentException("a transaction is signed with the posting or active key");
        }
        Objects.requireNonNull(ops, "ops");
        if (!ops.isArray()) {
            throw new IllegalArgumentException("ops must be a JSON array");
        }
        if (nonce != null && nonce < 0) {
            throw new IllegalArgumentException("nonce must not be negative");
        }
        ops = ops.deepCopy();
    }

    /** A copy of the operations array. */
    @Override
    public JsonNode ops() {
        return ops.deepCopy();
    }

    /** Compact JSON. */
    public String toJson() {
        return PayloadJson.write(this::write);
    }

    /** Parses plain JSON; throws {@link PayloadException}. */
    public static SignReqData fromJson(String json) {
        return PayloadJson.parse(json, NAME, SignReqData::read);
    }

    /** The {@code data} of a {@code sign_req}. */
    public String encrypt(String authKey) {
        return PayloadJson.encrypt(toJson(), authKey);
    }

    /**
     * The payload in a {@code sign_req.data}: empty when it does not decrypt to JSON with {@code authKey}
     * (a PKSA tries the keys of the account's authentications in turn).
     *
     * @throws PayloadException when it decrypts but is not a valid {@code sign_req_data}
     */
    public static Optional<SignReqData> decrypt(String data, String authKey) {
        return PayloadJson.decrypt(data, authKey, NAME, SignReqData::read);
    }

    private void write(JsonWriter w) {
        w.field("key_type", keyType.jsonName())
                .name("ops").value(ops)
                .name("broadcast").value(broadcast)
                .optionalField("nonce", nonce);
    }

    private static SignReqData read(JsonFields f) {
        KeyType keyType = KeyType.read(f, "key_type", KEY_TYPES);
        ArrayNode ops = f.array("ops");
        return new SignReqData(keyType, ops, f.bool("broadcast"), f.optionalNonNegativeLong("nonce"));
    }
}
