package dev.hiveauth.protocol.chain;

import static dev.hiveauth.protocol.chain.AssetSymbol.HBD;
import static dev.hiveauth.protocol.chain.AssetSymbol.HIVE;
import static dev.hiveauth.protocol.chain.AssetType.Sign.NOT_NEGATIVE;
import static dev.hiveauth.protocol.chain.OperationCatalog.ACCOUNT;
import static dev.hiveauth.protocol.chain.OperationCatalog.ACCOUNT_OR_EMPTY;
import static dev.hiveauth.protocol.chain.OperationCatalog.BLOCK_HEADER;
import static dev.hiveauth.protocol.chain.OperationCatalog.BOOL;
import static dev.hiveauth.protocol.chain.OperationCatalog.CHAIN_PROPERTIES;
import static dev.hiveauth.protocol.chain.OperationCatalog.DATE;
import static dev.hiveauth.protocol.chain.OperationCatalog.KEY;
import static dev.hiveauth.protocol.chain.OperationCatalog.NO_EXTENSIONS;
import static dev.hiveauth.protocol.chain.OperationCatalog.PRICE;
import static dev.hiveauth.protocol.chain.OperationCatalog.PROPOSAL_IDS;
import static dev.hiveauth.protocol.chain.OperationCatalog.SUBJECT;
import static dev.hiveauth.protocol.chain.OperationCatalog.UPDATE_PROPOSAL_EXTENSIONS;
import static dev.hiveauth.protocol.chain.OperationCatalog.differ;
import static dev.hiveauth.protocol.chain.OperationCatalog.isHiveHbdPair;
import static dev.hiveauth.protocol.chain.OperationDefinition.builder;
import static dev.hiveauth.protocol.chain.OperationType.ACCOUNT_WITNESS_PROXY;
import static dev.hiveauth.protocol.chain.OperationType.ACCOUNT_WITNESS_VOTE;
import static dev.hiveauth.protocol.chain.OperationType.CREATE_PROPOSAL;
import static dev.hiveauth.protocol.chain.OperationType.DECLINE_VOTING_RIGHTS;
import static dev.hiveauth.protocol.chain.OperationType.FEED_PUBLISH;
import static dev.hiveauth.protocol.chain.OperationType.REMOVE_PROPOSAL;
import static dev.hiveauth.protocol.chain.OperationType.REPORT_OVER_PRODUCTION;
import static dev.hiveauth.protocol.chain.OperationType.UPDATE_PROPOSAL;
import static dev.hiveauth.protocol.chain.OperationType.UPDATE_PROPOSAL_VOTES;
import static dev.hiveauth.protocol.chain.OperationType.WITNESS_SET_PROPERTIES;
import static dev.hiveauth.protocol.chain.OperationType.WITNESS_UPDATE;

import dev.hiveauth.protocol.crypto.PublicKey;
import java.util.Map;
import java.util.function.Consumer;

/** Witnesses, witness votes, price feeds and the decentralized fund's proposals. */
final class GovernanceOperations {
    private GovernanceOperations() {
    }

    static void register(Consumer<OperationDefinition.Builder> add) {
        add.accept(builder(WITNESS_UPDATE)
                .field("owner", ACCOUNT).field("url", TextType.URL).field("block_signing_key", KEY)
                .field("props", CHAIN_PROPERTIES).field("fee", AssetType.of(NOT_NEGATIVE, HIVE))
                .active("owner"));
        add.accept(builder(WITNESS_SET_PROPERTIES)
                .field("owner", ACCOUNT).field("props", WitnessPropsType.INSTANCE).field("extensions", NO_EXTENSIONS)
                // signed by the witness's current block signing key, not by an account authority
                .authorities((op, out) -> out.other(Authority.ofKey(signingKey(op)))));
        add.accept(builder(ACCOUNT_WITNESS_VOTE)
                .field("account", ACCOUNT).field("witness", ACCOUNT).field("approve", BOOL)
                .active("account"));
        add.accept(builder(ACCOUNT_WITNESS_PROXY)
                .field("account", ACCOUNT).field("proxy", ACCOUNT_OR_EMPTY)
                .active("account")
                .check("proxy", op -> differ(op, "account", "proxy"), "cannot proxy to oneself"));
        add.accept(builder(FEED_PUBLISH)
                .field("publisher", ACCOUNT).field("exchange_rate", PRICE)
                .active("publisher")
                .check("exchange_rate", op -> isHiveHbdPair(op.price("exchange_rate").base().symbol(),
                        op.price("exchange_rate").quote().symbol()), "price feed must be a HIVE/HBD price"));
        // hived requires no signature: the two headers signed by the same witness are the proof
        add.accept(builder(REPORT_OVER_PRODUCTION)
                .field("reporter", ACCOUNT).field("first_block", BLOCK_HEADER).field("second_block", BLOCK_HEADER));
        add.accept(builder(DECLINE_VOTING_RIGHTS)
                .field("account", ACCOUNT).field("decline", BOOL)
                .owner("account"));
        add.accept(builder(CREATE_PROPOSAL)
                .field("creator", ACCOUNT).field("receiver", ACCOUNT)
                .field("start_date", DATE).field("end_date", DATE)
                .field("daily_pay", AssetType.of(NOT_NEGATIVE, HBD))
                .field("subject", SUBJECT).field("permlink", TextType.PERMLINK).field("extensions", NO_EXTENSIONS)
                .active("creator")
                .check("end_date", op -> op.instant("start_date").isBefore(op.instant("end_date")), "must be after start_date"));
        add.accept(builder(UPDATE_PROPOSAL_VOTES)
                .field("voter", ACCOUNT).field("proposal_ids", PROPOSAL_IDS).field("approve", BOOL)
                .field("extensions", NO_EXTENSIONS)
                .active("voter"));
        add.accept(builder(REMOVE_PROPOSAL)
                .field("proposal_owner", ACCOUNT).field("proposal_ids", PROPOSAL_IDS).field("extensions", NO_EXTENSIONS)
                .active("proposal_owner"));
        add.accept(builder(UPDATE_PROPOSAL)
                .field("proposal_id", IntType.ID64).field("creator", ACCOUNT)
                .field("daily_pay", AssetType.of(NOT_NEGATIVE, HBD))
                .field("subject", SUBJECT).field("permlink", TextType.PERMLINK)
                .field("extensions", UPDATE_PROPOSAL_EXTENSIONS)
                .active("creator"));
    }

    private static PublicKey signingKey(Operation op) {
        HexBytes packed = (HexBytes) ((Map<?, ?>) op.get("props")).get("key");
        return PublicKey.fromBytes(packed.toBytes());
    }
}
