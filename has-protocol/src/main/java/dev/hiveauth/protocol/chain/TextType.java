package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;

/** A string field, with the chain's limits on its length and, for JSON fields, its content. */
record TextType(int maxBytes, boolean nonEmpty, Content content) implements FieldType {
    /** What the text must be. */
    enum Content { ANY, JSON, JSON_OR_EMPTY }

    static final TextType ANY = new TextType(Integer.MAX_VALUE, false, Content.ANY);
    /** hived validate_permlink: fewer than HIVE_MAX_PERMLINK_LENGTH (256) bytes. */
    static final TextType PERMLINK = new TextType(255, false, Content.ANY);
    /** Comment titles: fewer than HIVE_COMMENT_TITLE_LIMIT (256) bytes. */
    static final TextType TITLE = new TextType(255, false, Content.ANY);
    static final TextType BODY = new TextType(Integer.MAX_VALUE, true, Content.ANY);
    /** Transfer memos: fewer than HIVE_MAX_MEMO_SIZE (2048) bytes. */
    static final TextType MEMO = new TextType(2047, false, Content.ANY);
    /** custom_json and custom_binary ids: at most HIVE_CUSTOM_OP_ID_MAX_LENGTH (32) bytes. */
    static final TextType CUSTOM_ID = new TextType(32, false, Content.ANY);
    static final TextType JSON_OR_EMPTY = new TextType(Integer.MAX_VALUE, false, Content.JSON_OR_EMPTY);
    static final TextType JSON = new TextType(Integer.MAX_VALUE, false, Content.JSON);
    /** Witness URLs: 1 to HIVE_MAX_WITNESS_URL_LENGTH (2048) bytes. */
    static final TextType URL = new TextType(2048, true, Content.ANY);

    @Override
    public Object fromJson(JsonNode json, String path) {
        String text = JsonInput.text(json, path);
        check(text, path);
        return text;
    }

    private void check(String text, String path) {
        if (hasLoneSurrogate(text)) {
            throw new ChainFormatException(path, "is not valid UTF-8 (it has an unpaired surrogate)");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new ChainFormatException(path, "is " + bytes + " bytes long, at most " + maxBytes + " allowed");
        }
        if (nonEmpty && text.isEmpty()) {
            throw new ChainFormatException(path, "must not be empty");
        }
        boolean mustBeJson = content == Content.JSON || (content == Content.JSON_OR_EMPTY && !text.isEmpty());
        if (mustBeJson && !JsonInput.isJson(text)) {
            throw new ChainFormatException(path, "is not valid JSON: " + JsonInput.describe(TextNode.valueOf(text)));
        }
    }

    /** Java strings can hold half a surrogate pair (from a JSON "\ud800" escape); UTF-8 cannot. */
    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
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
        String text = in.string(path);
        check(text, path);
        return text;
    }
}
