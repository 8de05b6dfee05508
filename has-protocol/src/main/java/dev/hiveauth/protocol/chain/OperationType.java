package dev.hiveauth.protocol.chain;

import java.util.Locale;
import java.util.Optional;

/**
 * The 48 operations a transaction can carry (the ones @hiveio/dhive serializes), with their chain ids.
 * Ids 14 (pow) and 30 (pow2) are retired mining operations; ids from 50 up are virtual operations that
 * only nodes produce.
 */
public enum OperationType {
    VOTE(0), COMMENT(1), TRANSFER(2), TRANSFER_TO_VESTING(3), WITHDRAW_VESTING(4), LIMIT_ORDER_CREATE(5),
    LIMIT_ORDER_CANCEL(6), FEED_PUBLISH(7), CONVERT(8), ACCOUNT_CREATE(9), ACCOUNT_UPDATE(10), WITNESS_UPDATE(11),
    ACCOUNT_WITNESS_VOTE(12), ACCOUNT_WITNESS_PROXY(13), CUSTOM(15), REPORT_OVER_PRODUCTION(16), DELETE_COMMENT(17),
    CUSTOM_JSON(18), COMMENT_OPTIONS(19), SET_WITHDRAW_VESTING_ROUTE(20), LIMIT_ORDER_CREATE2(21), CLAIM_ACCOUNT(22),
    CREATE_CLAIMED_ACCOUNT(23), REQUEST_ACCOUNT_RECOVERY(24), RECOVER_ACCOUNT(25), CHANGE_RECOVERY_ACCOUNT(26),
    ESCROW_TRANSFER(27), ESCROW_DISPUTE(28), ESCROW_RELEASE(29), ESCROW_APPROVE(31), TRANSFER_TO_SAVINGS(32),
    TRANSFER_FROM_SAVINGS(33), CANCEL_TRANSFER_FROM_SAVINGS(34), CUSTOM_BINARY(35), DECLINE_VOTING_RIGHTS(36),
    RESET_ACCOUNT(37), SET_RESET_ACCOUNT(38), CLAIM_REWARD_BALANCE(39), DELEGATE_VESTING_SHARES(40),
    ACCOUNT_CREATE_WITH_DELEGATION(41), WITNESS_SET_PROPERTIES(42), ACCOUNT_UPDATE2(43), CREATE_PROPOSAL(44),
    UPDATE_PROPOSAL_VOTES(45), REMOVE_PROPOSAL(46), UPDATE_PROPOSAL(47), COLLATERALIZED_CONVERT(48),
    RECURRENT_TRANSFER(49);

    private final int id;
    private final String jsonName;

    OperationType(int id) {
        this.id = id;
        this.jsonName = name().toLowerCase(Locale.ROOT);
    }

    /** The static_variant index written before the operation in binary. */
    public int id() {
        return id;
    }

    /** The name in condenser JSON, e.g. {@code "transfer"}. */
    public String jsonName() {
        return jsonName;
    }

    /** The type named {@code name} in the chain's JSON (e.g. {@code "transfer"}), if there is one. */
    public static Optional<OperationType> fromJsonName(String name) {
        for (OperationType type : values()) {
            if (type.jsonName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type with the chain's numeric id {@code id}, if there is one. */
    public static Optional<OperationType> fromId(long id) {
        for (OperationType type : values()) {
            if (type.id == id) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
