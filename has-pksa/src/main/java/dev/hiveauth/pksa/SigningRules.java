package dev.hiveauth.pksa;

import dev.hiveauth.protocol.chain.OperationType;
import java.util.Set;

/**
 * Limits on what the wallet signs, checked before the {@link ApprovalPolicy} is asked; a request outside them
 * is answered as {@link Decision#ABSTAIN}. Safe by default: no active-key operations.
 *
 * @param allowActiveKey whether {@code sign_req} with {@code key_type: active} may be signed at all
 * @param allowedOperations the only operation types that may be signed, or null for any
 * @param allowSignOnly whether {@code broadcast: false} (return the signed transaction) is allowed
 */
public record SigningRules(boolean allowActiveKey, Set<OperationType> allowedOperations, boolean allowSignOnly) {
    /** Posting-key operations of any type, broadcast or signed only. */
    public static final SigningRules DEFAULT = new SigningRules(false, null, true);

    /** Keeps an unmodifiable copy of the allowed operations (null: any). */
    public SigningRules {
        allowedOperations = allowedOperations == null ? null : Set.copyOf(allowedOperations);
    }

    /** True when operations of this type may be signed. */
    public boolean allows(OperationType type) {
        return allowedOperations == null || allowedOperations.contains(type);
    }
}
