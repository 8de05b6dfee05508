package dev.hiveauth.protocol.chain.rpc;

import java.util.Locale;
import java.util.Optional;

/** Where a node sees a transaction ({@code transaction_status_api.find_transaction}). */
public enum TransactionStatus {
    /** The node has not seen it (or it is older than the node's memory). */
    UNKNOWN,
    WITHIN_MEMPOOL,
    WITHIN_REVERSIBLE_BLOCK,
    WITHIN_IRREVERSIBLE_BLOCK,
    EXPIRED_REVERSIBLE,
    EXPIRED_IRREVERSIBLE,
    TOO_OLD;

    /** The status as the node writes it, e.g. {@code within_mempool}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a node names {@code name}, if it is one of these. */
    public static Optional<TransactionStatus> fromJsonName(String name) {
        for (TransactionStatus status : values()) {
            if (status.jsonName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** True once the transaction is in a block. */
    public boolean isInBlock() {
        return this == WITHIN_REVERSIBLE_BLOCK || this == WITHIN_IRREVERSIBLE_BLOCK;
    }

    /** True if it expired without being included. */
    public boolean isExpired() {
        return this == EXPIRED_REVERSIBLE || this == EXPIRED_IRREVERSIBLE;
    }
}
