package dev.hiveauth.protocol.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.crypto.Signature;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A transaction with its signatures, in the JSON form {@code condenser_api.broadcast_transaction} takes.
 * Signatures are not part of the digest or the id.
 */
public final class SignedTransaction {
    private final Transaction transaction;
    private final List<Signature> signatures;

    SignedTransaction(Transaction transaction, List<Signature> signatures) {
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.signatures = List.copyOf(signatures);
    }

    /** Pairs a transaction with signatures made elsewhere. */
    public static SignedTransaction of(Transaction transaction, List<Signature> signatures) {
        return new SignedTransaction(transaction, signatures);
    }

    /** Reads condenser JSON; {@code signatures} may be absent or empty. */
    public static SignedTransaction fromJson(JsonNode json) {
        JsonInput.object(json, "transaction");
        Transaction transaction = Transaction.readFields(json, "transaction");
        List<Signature> signatures = new ArrayList<>();
        JsonNode signaturesJson = json.get("signatures");
        if (signaturesJson != null) {
            JsonInput.array(signaturesJson, "transaction.signatures");
            for (int i = 0; i < signaturesJson.size(); i++) {
                String path = JsonInput.item("transaction.signatures", i);
                String hex = JsonInput.text(signaturesJson.get(i), path);
                try {
                    signatures.add(Signature.fromHex(hex));
                } catch (IllegalArgumentException e) {
                    throw new ChainFormatException(path, e.getMessage());
                }
            }
        }
        return new SignedTransaction(transaction, signatures);
    }

    /** Reads a signed transaction from its JSON text, as nodes and wallets write it. */
    public static SignedTransaction fromJson(String json) {
        return fromJson(JsonInput.parse(json, "transaction"));
    }

    /** The transaction that was signed. */
    public Transaction transaction() {
        return transaction;
    }

    /** The signatures, in the order they were made. */
    public List<Signature> signatures() {
        return signatures;
    }

    /** The transaction id (signatures do not change it). */
    public String id() {
        return transaction.id();
    }

    /**
     * The public keys that signed, recovered from the digest for {@code chainId}. Fails like a node would
     * on a signature that is not canonical, recovers no key, or repeats a key.
     */
    public Set<PublicKey> recoverSigners(ChainId chainId) {
        byte[] digest = transaction.digest(chainId);
        Set<PublicKey> signers = new LinkedHashSet<>();
        for (int i = 0; i < signatures.size(); i++) {
            String path = JsonInput.item("transaction.signatures", i);
            Signature signature = signatures.get(i);
            // The chain checks low S only since hardfork 20 (other wallets need not follow hive-js's stricter rule).
            if (!signature.isLowS()) {
                throw new ChainFormatException(path, "signature is not canonical");
            }
            Optional<PublicKey> signer = signature.recoverPublicKey(digest);
            if (signer.isEmpty()) {
                throw new ChainFormatException(path, "signature does not recover to a public key");
            }
            if (!signers.add(signer.get())) {
                throw new ChainFormatException(path, "duplicate signature by " + signer.get());
            }
        }
        return signers;
    }

    /** The transaction's bytes followed by the signatures (varint count, 65 bytes each). */
    public byte[] toBytes() {
        ChainWriter out = new ChainWriter();
        transaction.pack(out);
        out.varint(signatures.size());
        signatures.forEach(signature -> out.bytes(signature.toBytes()));
        return out.toByteArray();
    }

    /** Condenser JSON with {@code signatures} as 130-character hex strings. */
    public ObjectNode toJson() {
        ObjectNode json = transaction.toJson();
        ArrayNode signaturesJson = json.putArray("signatures");
        signatures.forEach(signature -> signaturesJson.add(signature.toHex()));
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedTransaction that && transaction.equals(that.transaction)
                && signatures.equals(that.signatures);
    }

    @Override
    public int hashCode() {
        return transaction.hashCode() * 31 + signatures.hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
