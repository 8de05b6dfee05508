package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A transaction the fake chain accepted: its id, the JSON as broadcast, the block it goes into (the one
 * after the head block at the time) and the keys that signed it.
 */
public record AcceptedTransaction(String id, SignedTransaction transaction, JsonNode json, long blockNumber,
                                  Set<PublicKey> signers) {
    public AcceptedTransaction {
        json = json.deepCopy();
        signers = Set.copyOf(signers);
    }

    public List<Operation> operations() {
        return transaction.transaction().operations();
    }

    public Instant expiration() {
        return transaction.transaction().expiration();
    }
}
