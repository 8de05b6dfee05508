package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;

/** An authority field (owner, active, posting, recovery authorities). */
final class AuthorityType implements FieldType {
    static final AuthorityType INSTANCE = new AuthorityType();

    private AuthorityType() {
    }

    @Override
    public Object fromJson(JsonNode json, String path) {
        return Authority.fromJson(json, path);
    }

    @Override
    public JsonNode toJson(Object value) {
        return ((Authority) value).toJson();
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        ((Authority) value).pack(out);
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        return Authority.unpack(in, path);
    }
}
