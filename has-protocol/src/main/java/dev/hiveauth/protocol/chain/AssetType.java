package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** An asset field, with the symbols the chain accepts there and the sign it requires. */
record AssetType(Set<AssetSymbol> symbols, Sign sign) implements FieldType {
    /** What the chain's validate() demands of the amount. */
    enum Sign { ANY, NOT_NEGATIVE, POSITIVE }

    static AssetType of(Sign sign, AssetSymbol first, AssetSymbol... rest) {
        return new AssetType(Set.copyOf(EnumSet.of(first, rest)), sign);
    }

    @Override
    public Object fromJson(JsonNode json, String path) {
        return check(Asset.fromJson(json, path), path);
    }

    private Asset check(Asset asset, String path) {
        if (!symbols.contains(asset.symbol())) {
            String allowed = EnumSet.copyOf(symbols).stream().map(Enum::name).collect(Collectors.joining(" or "));
            throw new ChainFormatException(path, "must be " + allowed + ", got \"" + asset + "\"");
        }
        if (sign == Sign.POSITIVE && asset.amount() <= 0) {
            throw new ChainFormatException(path, "must be greater than 0, got \"" + asset + "\"");
        }
        if (sign == Sign.NOT_NEGATIVE && asset.amount() < 0) {
            throw new ChainFormatException(path, "must not be negative, got \"" + asset + "\"");
        }
        return asset;
    }

    @Override
    public JsonNode toJson(Object value) {
        return TextNode.valueOf(value.toString());
    }

    @Override
    public void pack(ChainWriter out, Object value) {
        ((Asset) value).pack(out);
    }

    @Override
    public Object unpack(ChainReader in, String path) {
        return check(Asset.unpack(in, path), path);
    }
}
