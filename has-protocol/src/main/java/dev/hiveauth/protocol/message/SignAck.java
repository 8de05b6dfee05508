package dev.hiveauth.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;

/**
 * {@code sign_ack}: PKSA→HAS with a proof of key, then HAS→APP without it. The user approved; unlike other
 * replies, {@code data} is not encrypted.
 *
 * @param uuid the request answered
 * @param data the transaction id (a JSON string) when the PKSA broadcast the transaction, else the signed
 *     transaction (a JSON object). Jackson trees are mutable, so the record keeps a private copy and
 *     {@link #data()} returns a copy
 * @param broadcast whether the PKSA broadcast the transaction, or null: the reference service PKSA copies an
 *     undefined field, so it is often absent; relayed as received
 * @param pok the proof of key, or null
 */
public record SignAck(String uuid, JsonNode data, Boolean broadcast, String pok) implements Reply {
    /** The {@code cmd} of this message. */
    public static final String CMD = "sign_ack";

    /** Checks that {@code data} is a transaction id or a transaction, and keeps a copy of it. */
    public SignAck {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(data, "data");
        if (!data.isTextual() && !data.isObject()) {
            throw new IllegalArgumentException("data must be a transaction id string or a transaction object");
        }
        data = data.deepCopy();
    }

    /** The PKSA broadcast the transaction: {@code data} is its id. */
    public static SignAck broadcast(String uuid, String txid, String pok) {
        return new SignAck(uuid, TextNode.valueOf(Objects.requireNonNull(txid, "txid")), true, pok);
    }

    /** The PKSA only signed: {@code data} is the signed transaction, for the APP to broadcast. */
    public static SignAck signedOnly(String uuid, JsonNode signedTransaction, String pok) {
        if (!signedTransaction.isObject()) {
            throw new IllegalArgumentException("a signed transaction is a JSON object");
        }
        return new SignAck(uuid, signedTransaction, false, pok);
    }

    /** A copy of the data (a string or an object). */
    @Override
    public JsonNode data() {
        return data.deepCopy();
    }

    /** The transaction id, or null when {@code data} is a signed transaction object. */
    public String txid() {
        return data.isTextual() ? data.textValue() : null;
    }

    @Override
    public String cmd() {
        return CMD;
    }

    @Override
    public Family family() {
        return Family.SIGN;
    }

    /** {@code {cmd, uuid, broadcast, data}} ({@code broadcast} only when the PKSA sent it). */
    @Override
    public SignAck relayed() {
        return new SignAck(uuid, data, broadcast, null);
    }
}
