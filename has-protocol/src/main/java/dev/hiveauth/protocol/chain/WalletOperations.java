package dev.hiveauth.protocol.chain;

import static dev.hiveauth.protocol.chain.AssetSymbol.HBD;
import static dev.hiveauth.protocol.chain.AssetSymbol.HIVE;
import static dev.hiveauth.protocol.chain.AssetSymbol.VESTS;
import static dev.hiveauth.protocol.chain.AssetType.Sign.NOT_NEGATIVE;
import static dev.hiveauth.protocol.chain.AssetType.Sign.POSITIVE;
import static dev.hiveauth.protocol.chain.OperationCatalog.ACCOUNT;
import static dev.hiveauth.protocol.chain.OperationCatalog.ACCOUNT_OR_EMPTY;
import static dev.hiveauth.protocol.chain.OperationCatalog.BOOL;
import static dev.hiveauth.protocol.chain.OperationCatalog.DATE;
import static dev.hiveauth.protocol.chain.OperationCatalog.PRICE;
import static dev.hiveauth.protocol.chain.OperationCatalog.RECURRENT_TRANSFER_EXTENSIONS;
import static dev.hiveauth.protocol.chain.OperationCatalog.anyPositive;
import static dev.hiveauth.protocol.chain.OperationCatalog.differ;
import static dev.hiveauth.protocol.chain.OperationCatalog.isHiveHbdPair;
import static dev.hiveauth.protocol.chain.OperationCatalog.isOneOf;
import static dev.hiveauth.protocol.chain.OperationDefinition.builder;
import static dev.hiveauth.protocol.chain.OperationType.CANCEL_TRANSFER_FROM_SAVINGS;
import static dev.hiveauth.protocol.chain.OperationType.COLLATERALIZED_CONVERT;
import static dev.hiveauth.protocol.chain.OperationType.CONVERT;
import static dev.hiveauth.protocol.chain.OperationType.DELEGATE_VESTING_SHARES;
import static dev.hiveauth.protocol.chain.OperationType.ESCROW_APPROVE;
import static dev.hiveauth.protocol.chain.OperationType.ESCROW_DISPUTE;
import static dev.hiveauth.protocol.chain.OperationType.ESCROW_RELEASE;
import static dev.hiveauth.protocol.chain.OperationType.ESCROW_TRANSFER;
import static dev.hiveauth.protocol.chain.OperationType.LIMIT_ORDER_CANCEL;
import static dev.hiveauth.protocol.chain.OperationType.LIMIT_ORDER_CREATE;
import static dev.hiveauth.protocol.chain.OperationType.LIMIT_ORDER_CREATE2;
import static dev.hiveauth.protocol.chain.OperationType.RECURRENT_TRANSFER;
import static dev.hiveauth.protocol.chain.OperationType.SET_WITHDRAW_VESTING_ROUTE;
import static dev.hiveauth.protocol.chain.OperationType.TRANSFER;
import static dev.hiveauth.protocol.chain.OperationType.TRANSFER_FROM_SAVINGS;
import static dev.hiveauth.protocol.chain.OperationType.TRANSFER_TO_SAVINGS;
import static dev.hiveauth.protocol.chain.OperationType.TRANSFER_TO_VESTING;
import static dev.hiveauth.protocol.chain.OperationType.WITHDRAW_VESTING;

import java.util.function.Consumer;

/** Operations that move or lock funds: transfers, vesting, the internal market, escrow, savings. All need active. */
final class WalletOperations {
    private static final FieldType LIQUID_POSITIVE = AssetType.of(POSITIVE, HIVE, HBD);

    private WalletOperations() {
    }

    static void register(Consumer<OperationDefinition.Builder> add) {
        add.accept(builder(TRANSFER)
                .field("from", ACCOUNT).field("to", ACCOUNT).field("amount", LIQUID_POSITIVE)
                .field("memo", TextType.MEMO)
                .active("from"));
        add.accept(builder(TRANSFER_TO_VESTING)
                .field("from", ACCOUNT).field("to", ACCOUNT_OR_EMPTY).field("amount", AssetType.of(POSITIVE, HIVE))
                .active("from"));
        add.accept(builder(WITHDRAW_VESTING)
                .field("account", ACCOUNT).field("vesting_shares", AssetType.of(NOT_NEGATIVE, VESTS))
                .active("account"));
        add.accept(builder(SET_WITHDRAW_VESTING_ROUTE)
                .field("from_account", ACCOUNT).field("to_account", ACCOUNT).field("percent", IntType.PERCENT)
                .field("auto_vest", BOOL)
                .active("from_account"));
        add.accept(builder(LIMIT_ORDER_CREATE)
                .field("owner", ACCOUNT).field("orderid", IntType.UINT32)
                .field("amount_to_sell", LIQUID_POSITIVE).field("min_to_receive", LIQUID_POSITIVE)
                .field("fill_or_kill", BOOL).field("expiration", DATE)
                .active("owner")
                .check("", op -> op.asset("amount_to_sell").symbol() != op.asset("min_to_receive").symbol(),
                        "limit order must be for the HIVE:HBD market: amount_to_sell and min_to_receive are the same asset"));
        add.accept(builder(LIMIT_ORDER_CREATE2)
                .field("owner", ACCOUNT).field("orderid", IntType.UINT32).field("amount_to_sell", LIQUID_POSITIVE)
                .field("exchange_rate", PRICE).field("fill_or_kill", BOOL).field("expiration", DATE)
                .active("owner")
                .check("exchange_rate", op -> op.price("exchange_rate").base().symbol() == op.asset("amount_to_sell").symbol(),
                        "the base of the price must be the asset sold")
                .check("exchange_rate", op -> isHiveHbdPair(op.price("exchange_rate").base().symbol(),
                                op.price("exchange_rate").quote().symbol()),
                        "limit order must be for the HIVE:HBD market"));
        add.accept(builder(LIMIT_ORDER_CANCEL)
                .field("owner", ACCOUNT).field("orderid", IntType.UINT32)
                .active("owner"));
        add.accept(builder(CONVERT)
                .field("owner", ACCOUNT).field("requestid", IntType.UINT32).field("amount", AssetType.of(POSITIVE, HBD))
                .active("owner"));
        add.accept(builder(COLLATERALIZED_CONVERT)
                .field("owner", ACCOUNT).field("requestid", IntType.UINT32).field("amount", AssetType.of(POSITIVE, HIVE))
                .active("owner"));
        add.accept(builder(ESCROW_TRANSFER)
                .field("from", ACCOUNT).field("to", ACCOUNT)
                .field("hbd_amount", AssetType.of(NOT_NEGATIVE, HBD)).field("hive_amount", AssetType.of(NOT_NEGATIVE, HIVE))
                .field("escrow_id", IntType.UINT32).field("agent", ACCOUNT)
                .field("fee", AssetType.of(NOT_NEGATIVE, HIVE, HBD)).field("json_meta", TextType.JSON_OR_EMPTY)
                .field("ratification_deadline", DATE).field("escrow_expiration", DATE)
                .active("from")
                .check("", op -> anyPositive(op, "hbd_amount", "hive_amount"), "escrow must transfer a non-zero amount")
                .check("agent", op -> differ(op, "agent", "from") && differ(op, "agent", "to"),
                        "agent must be a third party")
                .check("ratification_deadline", op -> op.instant("ratification_deadline").isBefore(op.instant("escrow_expiration")),
                        "must be before escrow_expiration"));
        add.accept(builder(ESCROW_DISPUTE)
                .field("from", ACCOUNT).field("to", ACCOUNT).field("agent", ACCOUNT).field("who", ACCOUNT)
                .field("escrow_id", IntType.UINT32)
                .active("who")
                .check("who", op -> isOneOf(op, "who", "from", "to"), "must be from or to"));
        add.accept(builder(ESCROW_RELEASE)
                .field("from", ACCOUNT).field("to", ACCOUNT).field("agent", ACCOUNT).field("who", ACCOUNT)
                .field("receiver", ACCOUNT).field("escrow_id", IntType.UINT32)
                .field("hbd_amount", AssetType.of(NOT_NEGATIVE, HBD)).field("hive_amount", AssetType.of(NOT_NEGATIVE, HIVE))
                .active("who")
                .check("who", op -> isOneOf(op, "who", "from", "to", "agent"), "must be from, to or agent")
                .check("receiver", op -> isOneOf(op, "receiver", "from", "to"), "must be from or to")
                .check("", op -> anyPositive(op, "hbd_amount", "hive_amount"), "escrow must release a non-zero amount"));
        add.accept(builder(ESCROW_APPROVE)
                .field("from", ACCOUNT).field("to", ACCOUNT).field("agent", ACCOUNT).field("who", ACCOUNT)
                .field("escrow_id", IntType.UINT32).field("approve", BOOL)
                .active("who")
                .check("who", op -> isOneOf(op, "who", "to", "agent"), "must be to or agent"));
        add.accept(builder(TRANSFER_TO_SAVINGS)
                .field("from", ACCOUNT).field("to", ACCOUNT).field("amount", LIQUID_POSITIVE).field("memo", TextType.MEMO)
                .active("from"));
        add.accept(builder(TRANSFER_FROM_SAVINGS)
                .field("from", ACCOUNT).field("request_id", IntType.UINT32).field("to", ACCOUNT)
                .field("amount", LIQUID_POSITIVE).field("memo", TextType.MEMO)
                .active("from"));
        add.accept(builder(CANCEL_TRANSFER_FROM_SAVINGS)
                .field("from", ACCOUNT).field("request_id", IntType.UINT32)
                .active("from"));
        add.accept(builder(DELEGATE_VESTING_SHARES)
                .field("delegator", ACCOUNT).field("delegatee", ACCOUNT)
                .field("vesting_shares", AssetType.of(NOT_NEGATIVE, VESTS))
                .active("delegator")
                .check("delegatee", op -> differ(op, "delegator", "delegatee"), "cannot delegate to oneself"));
        add.accept(builder(RECURRENT_TRANSFER)
                .field("from", ACCOUNT).field("to", ACCOUNT).field("amount", AssetType.of(NOT_NEGATIVE, HIVE, HBD))
                .field("memo", TextType.MEMO)
                // HIVE_MIN_RECURRENT_TRANSFERS_RECURRENCE hours; one execution would be a plain transfer
                .field("recurrence", new IntType(2, 24, 0xFFFF)).field("executions", new IntType(2, 2, 0xFFFF))
                .field("extensions", RECURRENT_TRANSFER_EXTENSIONS)
                .active("from")
                .check("to", op -> differ(op, "from", "to"), "cannot set up a recurrent transfer to oneself"));
    }
}
