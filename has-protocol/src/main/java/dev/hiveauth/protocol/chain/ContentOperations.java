package dev.hiveauth.protocol.chain;

import static dev.hiveauth.protocol.chain.AssetSymbol.HBD;
import static dev.hiveauth.protocol.chain.AssetSymbol.HIVE;
import static dev.hiveauth.protocol.chain.AssetSymbol.VESTS;
import static dev.hiveauth.protocol.chain.AssetType.Sign.NOT_NEGATIVE;
import static dev.hiveauth.protocol.chain.OperationCatalog.ACCOUNT;
import static dev.hiveauth.protocol.chain.OperationCatalog.ACCOUNT_OR_EMPTY;
import static dev.hiveauth.protocol.chain.OperationCatalog.ACCOUNT_SET;
import static dev.hiveauth.protocol.chain.OperationCatalog.AUTHORITY;
import static dev.hiveauth.protocol.chain.OperationCatalog.BOOL;
import static dev.hiveauth.protocol.chain.OperationCatalog.COMMENT_OPTIONS_EXTENSIONS;
import static dev.hiveauth.protocol.chain.OperationCatalog.VOTE_WEIGHT;
import static dev.hiveauth.protocol.chain.OperationCatalog.anyPositive;
import static dev.hiveauth.protocol.chain.OperationDefinition.builder;
import static dev.hiveauth.protocol.chain.OperationType.CLAIM_REWARD_BALANCE;
import static dev.hiveauth.protocol.chain.OperationType.COMMENT;
import static dev.hiveauth.protocol.chain.OperationType.COMMENT_OPTIONS;
import static dev.hiveauth.protocol.chain.OperationType.CUSTOM;
import static dev.hiveauth.protocol.chain.OperationType.CUSTOM_BINARY;
import static dev.hiveauth.protocol.chain.OperationType.CUSTOM_JSON;
import static dev.hiveauth.protocol.chain.OperationType.DELETE_COMMENT;
import static dev.hiveauth.protocol.chain.OperationType.VOTE;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Posts, votes, rewards and the custom operations apps use (hived: posting authority, mostly). */
final class ContentOperations {
    private ContentOperations() {
    }

    static void register(Consumer<OperationDefinition.Builder> add) {
        add.accept(builder(VOTE)
                .field("voter", ACCOUNT).field("author", ACCOUNT).field("permlink", TextType.PERMLINK)
                .field("weight", VOTE_WEIGHT)
                .posting("voter"));
        add.accept(builder(COMMENT)
                .field("parent_author", ACCOUNT_OR_EMPTY).field("parent_permlink", TextType.PERMLINK)
                .field("author", ACCOUNT).field("permlink", TextType.PERMLINK)
                .field("title", TextType.TITLE).field("body", TextType.BODY)
                .field("json_metadata", TextType.JSON_OR_EMPTY)
                .posting("author"));
        add.accept(builder(DELETE_COMMENT)
                .field("author", ACCOUNT).field("permlink", TextType.PERMLINK)
                .posting("author"));
        add.accept(builder(COMMENT_OPTIONS)
                .field("author", ACCOUNT).field("permlink", TextType.PERMLINK)
                .field("max_accepted_payout", AssetType.of(NOT_NEGATIVE, HBD))
                .field("percent_hbd", IntType.PERCENT)
                .field("allow_votes", BOOL).field("allow_curation_rewards", BOOL)
                .field("extensions", COMMENT_OPTIONS_EXTENSIONS)
                .posting("author")
                .check("extensions", op -> beneficiaryWeight(op) <= 10_000,
                        "beneficiaries cannot receive more than 100% (10000) of the rewards"));
        add.accept(builder(CLAIM_REWARD_BALANCE)
                .field("account", ACCOUNT)
                .field("reward_hive", AssetType.of(NOT_NEGATIVE, HIVE))
                .field("reward_hbd", AssetType.of(NOT_NEGATIVE, HBD))
                .field("reward_vests", AssetType.of(NOT_NEGATIVE, VESTS))
                .posting("account")
                .check("", op -> anyPositive(op, "reward_hive", "reward_hbd", "reward_vests"),
                        "must claim something: all three rewards are zero"));
        add.accept(builder(CUSTOM)
                .field("required_auths", ListType.set(ACCOUNT, ListType.BYTEWISE).size(1, Authority.MAX_MEMBERS))
                .field("id", IntType.UINT16).field("data", BytesType.VARIABLE)
                .active("required_auths"));
        add.accept(builder(CUSTOM_JSON)
                .field("required_auths", ACCOUNT_SET).field("required_posting_auths", ACCOUNT_SET)
                .field("id", TextType.CUSTOM_ID).field("json", TextType.JSON)
                .active("required_auths").posting("required_posting_auths")
                .check("", op -> accountCount(op, "required_auths", "required_posting_auths") > 0,
                        "at least one account must be given in required_auths or required_posting_auths")
                .check("", op -> accountCount(op, "required_auths", "required_posting_auths") <= Authority.MAX_MEMBERS,
                        "at most " + Authority.MAX_MEMBERS + " accounts may be required"));
        add.accept(builder(CUSTOM_BINARY)
                .field("required_owner_auths", ACCOUNT_SET).field("required_active_auths", ACCOUNT_SET)
                .field("required_posting_auths", ACCOUNT_SET)
                .field("required_auths", ListType.vector(AUTHORITY))
                .field("id", TextType.CUSTOM_ID).field("data", BytesType.CUSTOM_DATA)
                .owner("required_owner_auths").active("required_active_auths").posting("required_posting_auths")
                .authorities((op, out) -> op.<Authority>list("required_auths").forEach(out::other))
                .check("", op -> accountCount(op, "required_owner_auths", "required_active_auths",
                                "required_posting_auths") > 0,
                        "at least one account must be given in required_owner_auths, required_active_auths"
                                + " or required_posting_auths"));
    }

    private static int accountCount(Operation op, String... fields) {
        int count = 0;
        for (String field : fields) {
            count += op.list(field).size();
        }
        return count;
    }

    private static long beneficiaryWeight(Operation op) {
        long sum = 0;
        for (Extension extension : op.<Extension>list("extensions")) {
            for (Object route : (List<?>) extension.value().get("beneficiaries")) {
                sum += (Long) ((Map<?, ?>) route).get("weight");
            }
        }
        return sum;
    }
}
