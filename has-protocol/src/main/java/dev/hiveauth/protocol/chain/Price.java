package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/** An exchange rate {@code base / quote} between two different assets, both amounts positive. */
public record Price(Asset base, Asset quote) {
    /** Checks that both sides of the price are present. */
    public Price {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
    }

    static Price fromJson(JsonNode json, String path) {
        JsonInput.object(json, path);
        JsonInput.rejectUnknownFields(json, List.of("base", "quote"), path);
        Asset base = Asset.fromJson(JsonInput.required(json, "base", path), JsonInput.child(path, "base"));
        Asset quote = Asset.fromJson(JsonInput.required(json, "quote", path), JsonInput.child(path, "quote"));
        // the chain's price::validate(): both sides positive, different symbols
        if (base.amount() <= 0 || quote.amount() <= 0) {
            throw new ChainFormatException(path, "both sides of a price must be positive, got " + base + " / " + quote);
        }
        if (base.symbol() == quote.symbol()) {
            throw new ChainFormatException(path, "base and quote must be different assets, both are " + base.symbol());
        }
        return new Price(base, quote);
    }

    JsonNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("base", base.toString());
        json.put("quote", quote.toString());
        return json;
    }

    void pack(ChainWriter out) {
        base.pack(out);
        quote.pack(out);
    }

    static Price unpack(ChainReader in, String path) {
        return new Price(Asset.unpack(in, JsonInput.child(path, "base")), Asset.unpack(in, JsonInput.child(path, "quote")));
    }

    @Override
    public String toString() {
        return base + " / " + quote;
    }
}
