package dev.hiveauth.pksa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.chain.ChainFormatException;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.chain.RequiredAuthorities;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code sign_req}'s operations with the chain package (every field validated as a node would) and
 * checks that the key asked for can sign each of them: a posting key only operations needing nothing but
 * posting authority; an active key posting or active ones. Owner-level operations are never signed.
 */
final class OperationCheck {
    private OperationCheck() {
    }

    /** Thrown with a message for the APP (it goes back encrypted in a {@code sign_err}). */
    static final class InvalidOperations extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidOperations(String message) {
            super(message, null, false, false);
        }
    }

    static List<Operation> read(JsonNode ops, KeyType keyType) {
        if (ops.isEmpty()) {
            throw new InvalidOperations("sign_req_data.ops is empty: nothing to sign");
        }
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Operation operation;
            try {
                operation = Operation.fromJson(ops.get(i));
            } catch (ChainFormatException e) {
                throw new InvalidOperations("ops[" + i + "]: " + e.getMessage());
            }
            authorityProblem(operation, keyType).ifPresent(problem -> {
                throw new InvalidOperations("ops[" + operations.size() + "] " + operation.name() + ": " + problem);
            });
            operations.add(operation);
        }
        return List.copyOf(operations);
    }

    private static Optional<String> authorityProblem(Operation operation, KeyType keyType) {
        RequiredAuthorities required = operation.requiredAuthorities();
        if (!required.owner().isEmpty() || !required.other().isEmpty()) {
            return Optional.of("needs the owner authority (or a literal authority), which this wallet never signs with");
        }
        if (keyType == KeyType.POSTING && !required.active().isEmpty()) {
            return Optional.of("needs the active authority of " + String.join(", ", required.active())
                    + ": it cannot be signed with the posting key (ask with key_type \"active\")");
        }
        return Optional.empty();
    }
}
