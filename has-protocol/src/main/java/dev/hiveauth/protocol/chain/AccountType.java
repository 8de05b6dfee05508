package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** An account name (account_name_type); a few fields also take "" to mean "none" or "self". */
record AccountType(boolean emptyAllowed) implements FieldType {
    static final AccountType REQUIRED = new AccountType(false);
    /** comment.parent_author of a root post, transfer_to_vesting.to for oneself, a cleared proxy. */
    static final AccountType OR_EMPTY = new AccountType(true);

    @Override
    public Object fromJson(JsonNode json, String path) {
        return check(JsonInput.text(json, path), path);
    }

    private String check(String name, String path) {
        if (!(emptyAllowed && name.isEmpty())) {
            AccountName.problem(name).ifPresent(problem -> {
                throw new ChainFormatException(path, problem);
            });
        }
        return name;
    }

    @Override
    public JsonNode toJson(Object value) {
        return TextNode.valueOf((String) value);
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        out.string((String) value);
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        return check(in.string(path), path);
    }
}
