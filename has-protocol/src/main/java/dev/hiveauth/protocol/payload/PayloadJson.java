package dev.hiveauth.protocol.payload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.crypto.CryptoJsAes;
import dev.hiveauth.protocol.json.JsonFields;
import dev.hiveauth.protocol.json.JsonWriter;
import dev.hiveauth.protocol.json.MalformedJsonException;
import dev.hiveauth.protocol.json.StrictJson;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Reads and writes payload JSON, plain or encrypted with an {@code auth_key}. */
final class PayloadJson {
    private PayloadJson() {
    }

    /** The compact JSON of one object written by {@code body}. */
    static String write(Consumer<JsonWriter> body) {
        JsonWriter writer = new JsonWriter().beginObject();
        body.accept(writer);
        return writer.endObject().toString();
    }

    static String encrypt(String json, String authKey) {
        return CryptoJsAes.encrypt(json, authKey);
    }

    /** Empty unless {@code data} opens with {@code authKey} into JSON; then the payload, or PayloadException. */
    static <T> Optional<T> decrypt(String data, String authKey, String what, Function<JsonFields, T> reader) {
        Optional<String> json = CryptoJsAes.tryDecrypt(data, authKey);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode object;
        try {
            object = StrictJson.parseObject(json.get());
        } catch (MalformedJsonException e) {
            switch (e.kind()) {
                case EMPTY:
                case SYNTAX:
                case TRAILING_DATA:
                    // Not JSON: the garbage a wrong key can produce. Not for this key.
                    return Optional.empty();
                default:
                    throw invalid(what, e);
            }
        }
        return Optional.of(reader.apply(JsonFields.of(object, what, PayloadException::new)));
    }

    /** The payload in plain {@code json}. */
    static <T> T parse(String json, String what, Function<JsonFields, T> reader) {
        try {
            return reader.apply(JsonFields.of(StrictJson.parseObject(json), what, PayloadException::new));
        } catch (MalformedJsonException e) {
            throw invalid(what, e);
        }
    }

    private static PayloadException invalid(String what, MalformedJsonException e) {
        switch (e.kind()) {
            case NOT_OBJECT:
                return new PayloadException(what + " must be a JSON object");
            case EMPTY:
            case SYNTAX:
            case TRAILING_DATA:
                return new PayloadException(what + " is not valid JSON");
            default:
                // duplicate key "…", nested deeper than …, a value that is too long
                return new PayloadException(what + ": " + e.getMessage());
        }
    }
}
