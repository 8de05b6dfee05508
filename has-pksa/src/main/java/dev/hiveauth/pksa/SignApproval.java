package dev.hiveauth.pksa;

import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.List;
import java.util.Objects;

/**
 * An application asks to have operations signed with one of the account's keys.
 *
 * @param account the account whose key signs
 * @param app the application's name stored with the authentication (may be empty in a hand-written store)
 * @param keyType posting or active
 * @param operations the operations, validated
 * @param broadcast true to broadcast, false to return the signed transaction to the application
 * @param expire when the request expires (epoch ms)
 */
public record SignApproval(String account, String app, KeyType keyType, List<Operation> operations, boolean broadcast,
                           long expire) implements ApprovalRequest {
    /** Checks that the account, app and key type are present, and keeps an unmodifiable copy of the operations. */
    public SignApproval {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(keyType, "keyType");
        operations = List.copyOf(operations);
    }
}
