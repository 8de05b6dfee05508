package dev.hiveauth.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An approved transaction request: the transaction id when the wallet broadcast it, else the signed
 * transaction for the APP to broadcast. The HAS relays it unencrypted (SPEC §7), so an APP that must be sure
 * can look the id up on chain.
 *
 * @param uuid the request id
 * @param data a JSON string (the transaction id) or a JSON object (the signed transaction); a copy is kept
 *     and {@link #data()} returns a copy
 * @param broadcast what the wallet said about broadcasting, or null: the reference service PKSA often leaves
 *     it out
 */
public record SignResult(String uuid, JsonNode data, Boolean broadcast) {
    /** Checks that the uuid and the data are present, and keeps a copy of the data. */
    public SignResult {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(data, "data");
        data = data.deepCopy();
    }

    /** The wallet's answer (a copy): a transaction id, or the signed transaction. */
    @Override
    public JsonNode data() {
        return data.deepCopy();
    }

    /** The transaction id, or null when the wallet returned a signed transaction instead. */
    public String txid() {
        return data.isTextual() ? data.textValue() : null;
    }

    /** The signed transaction, or null when the wallet broadcast it and returned its id. */
    public JsonNode signedTransaction() {
        return data.isObject() ? data.deepCopy() : null;
    }
}
