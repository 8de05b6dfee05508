package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hiveauth.protocol.crypto.PublicKey;

/** A public key field: {@code "STM…"} in JSON (the null key included), 33 compressed bytes in binary. */
final class PublicKeyType implements FieldType {
    static final PublicKeyType INSTANCE = new PublicKeyType();

    private PublicKeyType() {
    }

    static PublicKey parse(String text, String path) {
        try {
            return PublicKey.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ChainFormatException(path, "\"" + text + "\" is not a public key: " + e.getMessage());
        }
    }

    static PublicKey fromBytes(byte[] bytes, String path) {
        try {
            return PublicKey.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new ChainFormatException(path, "not a public key: " + e.getMessage());
        }
    }

    @Override
    public Object fromJson(JsonNode json, String path) {
        return parse(JsonInput.text(json, path), path);
    }

    @Override
    public JsonNode toJson(Object value) {
        return TextNode.valueOf(value.toString());
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        out.bytes(((PublicKey) value).toBytes());
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        return fromBytes(in.bytes(33, path), path);
    }
}
