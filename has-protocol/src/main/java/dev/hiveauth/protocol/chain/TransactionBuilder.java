package dev.hiveauth.protocol.chain;

import dev.hiveauth.protocol.crypto.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Builds a transaction on a node's head block, as dhive's broadcast does: ref_block_num and
 * ref_block_prefix from the head block, expiration = head time + 60 s unless told otherwise.
 */
public final class TransactionBuilder {
    /** How long a built transaction stays valid unless told otherwise. */
    public static final Duration DEFAULT_EXPIRATION = Duration.ofSeconds(60);
    /** HIVE_MAX_TIME_UNTIL_EXPIRATION: nodes refuse transactions that expire later than this after head time. */
    public static final Duration MAX_EXPIRATION = Duration.ofHours(1);

    private final DynamicGlobalProperties head;
    private final List<Operation> operations = new ArrayList<>();
    private Duration expiresIn = DEFAULT_EXPIRATION;
    private ChainId chainId = ChainId.MAINNET;

    private TransactionBuilder(DynamicGlobalProperties head) {
        this.head = Objects.requireNonNull(head, "head");
    }

    /** Starts a transaction referencing the head block in {@code head}. */
    public static TransactionBuilder on(DynamicGlobalProperties head) {
        return new TransactionBuilder(head);
    }

    /** How long after the head block's time the transaction stays valid: 1 second to 1 hour. */
    public TransactionBuilder expiresIn(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("expiration must be at least 1 s after the head block time, got "
                    + duration.toMillis() + " ms");
        }
        if (duration.compareTo(MAX_EXPIRATION) > 0) {
            throw new IllegalArgumentException("expiration must be at most " + MAX_EXPIRATION.toSeconds()
                    + " s after the head block time (nodes refuse later ones), got " + duration.toMillis() / 1000.0 + " s");
        }
        this.expiresIn = duration;
        return this;
    }

    /** The chain whose id goes into the signed digest; mainnet unless set. */
    public TransactionBuilder chainId(ChainId chainId) {
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        return this;
    }

    /** Adds one operation. */
    public TransactionBuilder add(Operation operation) {
        operations.add(Objects.requireNonNull(operation, "operation"));
        return this;
    }

    /** Adds the operations, in order. */
    public TransactionBuilder addAll(Collection<Operation> more) {
        more.forEach(this::add);
        return this;
    }

    /** The transaction, referring to the head block it was started from. */
    public Transaction build() {
        return Transaction.of(head.refBlockNum(), head.refBlockPrefix(), head.time().plus(expiresIn), operations);
    }

    /** Builds and signs with each distinct key (hive-js deterministic signatures). */
    public SignedTransaction sign(PrivateKey... keys) {
        return build().sign(chainId, keys);
    }

    /** The transaction, signed with each of {@code keys}. */
    public SignedTransaction sign(List<PrivateKey> keys) {
        return build().sign(chainId, keys);
    }
}
