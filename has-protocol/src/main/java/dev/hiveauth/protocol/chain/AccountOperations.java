package dev.hiveauth.protocol.chain;

import static dev.hiveauth.protocol.chain.AssetSymbol.HIVE;
import static dev.hiveauth.protocol.chain.AssetSymbol.VESTS;
import static dev.hiveauth.protocol.chain.AssetType.Sign.NOT_NEGATIVE;
import static dev.hiveauth.protocol.chain.OperationCatalog.ACCOUNT;
import static dev.hiveauth.protocol.chain.OperationCatalog.ACCOUNT_OR_EMPTY;
import static dev.hiveauth.protocol.chain.OperationCatalog.AUTHORITY;
import static dev.hiveauth.protocol.chain.OperationCatalog.KEY;
import static dev.hiveauth.protocol.chain.OperationCatalog.NO_EXTENSIONS;
import static dev.hiveauth.protocol.chain.OperationCatalog.OPTIONAL_AUTHORITY;
import static dev.hiveauth.protocol.chain.OperationDefinition.builder;
import static dev.hiveauth.protocol.chain.OperationType.ACCOUNT_CREATE;
import static dev.hiveauth.protocol.chain.OperationType.ACCOUNT_CREATE_WITH_DELEGATION;
import static dev.hiveauth.protocol.chain.OperationType.ACCOUNT_UPDATE;
import static dev.hiveauth.protocol.chain.OperationType.ACCOUNT_UPDATE2;
import static dev.hiveauth.protocol.chain.OperationType.CHANGE_RECOVERY_ACCOUNT;
import static dev.hiveauth.protocol.chain.OperationType.CLAIM_ACCOUNT;
import static dev.hiveauth.protocol.chain.OperationType.CREATE_CLAIMED_ACCOUNT;
import static dev.hiveauth.protocol.chain.OperationType.RECOVER_ACCOUNT;
import static dev.hiveauth.protocol.chain.OperationType.REQUEST_ACCOUNT_RECOVERY;
import static dev.hiveauth.protocol.chain.OperationType.RESET_ACCOUNT;
import static dev.hiveauth.protocol.chain.OperationType.SET_RESET_ACCOUNT;

import java.util.List;
import java.util.function.Consumer;

/** Creating accounts, changing their keys and recovering them (active or owner authority). */
final class AccountOperations {
    private static final FieldType HIVE_FEE = AssetType.of(NOT_NEGATIVE, HIVE);

    private AccountOperations() {
    }

    static void register(Consumer<OperationDefinition.Builder> add) {
        add.accept(newAccount(builder(ACCOUNT_CREATE).field("fee", HIVE_FEE).field("creator", ACCOUNT))
                .active("creator"));
        add.accept(newAccount(builder(ACCOUNT_CREATE_WITH_DELEGATION)
                        .field("fee", HIVE_FEE).field("delegation", AssetType.of(NOT_NEGATIVE, VESTS))
                        .field("creator", ACCOUNT))
                .field("extensions", NO_EXTENSIONS)
                .active("creator"));
        add.accept(builder(CLAIM_ACCOUNT)
                .field("creator", ACCOUNT).field("fee", HIVE_FEE).field("extensions", NO_EXTENSIONS)
                .active("creator"));
        add.accept(newAccount(builder(CREATE_CLAIMED_ACCOUNT).field("creator", ACCOUNT))
                .field("extensions", NO_EXTENSIONS)
                .active("creator"));
        add.accept(builder(ACCOUNT_UPDATE)
                .field("account", ACCOUNT).field("owner", OPTIONAL_AUTHORITY).field("active", OPTIONAL_AUTHORITY)
                .field("posting", OPTIONAL_AUTHORITY).field("memo_key", KEY)
                .field("json_metadata", TextType.JSON_OR_EMPTY)
                // hived: a new owner authority needs the owner authority, anything else needs active
                .authorities((op, out) -> {
                    if (op.optional("owner").isPresent()) {
                        out.owner(List.of(op.string("account")));
                    } else {
                        out.active(List.of(op.string("account")));
                    }
                }));
        add.accept(builder(ACCOUNT_UPDATE2)
                .field("account", ACCOUNT).field("owner", OPTIONAL_AUTHORITY).field("active", OPTIONAL_AUTHORITY)
                .field("posting", OPTIONAL_AUTHORITY).field("memo_key", new OptionalType(KEY))
                .field("json_metadata", TextType.JSON_OR_EMPTY).field("posting_json_metadata", TextType.JSON_OR_EMPTY)
                .field("extensions", NO_EXTENSIONS)
                .authorities(AccountOperations::accountUpdate2Authority));
        add.accept(builder(REQUEST_ACCOUNT_RECOVERY)
                .field("recovery_account", ACCOUNT).field("account_to_recover", ACCOUNT)
                .field("new_owner_authority", AUTHORITY).field("extensions", NO_EXTENSIONS)
                .active("recovery_account"));
        add.accept(builder(RECOVER_ACCOUNT)
                .field("account_to_recover", ACCOUNT).field("new_owner_authority", AUTHORITY)
                .field("recent_owner_authority", AUTHORITY).field("extensions", NO_EXTENSIONS)
                // both owner authorities must sign; neither can be looked up from the account
                .authorities((op, out) -> out.other(op.authority("new_owner_authority"))
                        .other(op.authority("recent_owner_authority")))
                .check("new_owner_authority",
                        op -> !op.authority("new_owner_authority").equals(op.authority("recent_owner_authority")),
                        "cannot be the same as recent_owner_authority"));
        add.accept(builder(CHANGE_RECOVERY_ACCOUNT)
                .field("account_to_recover", ACCOUNT).field("new_recovery_account", ACCOUNT)
                .field("extensions", NO_EXTENSIONS)
                .owner("account_to_recover"));
        // reset_account and set_reset_account are serialized for completeness; hived's validate() refuses both
        add.accept(builder(RESET_ACCOUNT)
                .field("reset_account", ACCOUNT).field("account_to_reset", ACCOUNT)
                .field("new_owner_authority", AUTHORITY)
                .active("reset_account"));
        add.accept(builder(SET_RESET_ACCOUNT)
                .field("account", ACCOUNT).field("current_reset_account", ACCOUNT_OR_EMPTY)
                .field("reset_account", ACCOUNT_OR_EMPTY)
                // hived: owner to replace an existing reset account, posting to set the first one
                .authorities((op, out) -> {
                    if (op.string("current_reset_account").isEmpty()) {
                        out.posting(List.of(op.string("account")));
                    } else {
                        out.owner(List.of(op.string("account")));
                    }
                }));
    }

    /** The fields every account-creating operation shares, after its own leading fields. */
    private static OperationDefinition.Builder newAccount(OperationDefinition.Builder builder) {
        return builder.field("new_account_name", ACCOUNT)
                .field("owner", AUTHORITY).field("active", AUTHORITY).field("posting", AUTHORITY)
                .field("memo_key", KEY).field("json_metadata", TextType.JSON_OR_EMPTY);
    }

    /**
     * hived's account_update2: owner if a new owner authority is given; otherwise active if an active or
     * posting authority, a memo key or a non-empty json_metadata is given; otherwise (posting_json_metadata
     * only) posting.
     */
    private static void accountUpdate2Authority(Operation op, RequiredAuthorities.Builder out) {
        List<String> account = List.of(op.string("account"));
        boolean needsActive = op.optional("active").isPresent() || op.optional("posting").isPresent()
                || op.optional("memo_key").isPresent() || !op.string("json_metadata").isEmpty();
        if (op.optional("owner").isPresent()) {
            out.owner(account);
        } else if (needsActive) {
            out.active(account);
        } else {
            out.posting(account);
        }
    }
}
