package dev.hiveauth.protocol.chain;

import static dev.hiveauth.protocol.chain.AssetSymbol.HIVE;
import static dev.hiveauth.protocol.chain.AssetSymbol.VESTS;
import static dev.hiveauth.protocol.chain.AssetType.Sign.NOT_NEGATIVE;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema of all 48 operations: field names and types in serialization order (hived's FC_REFLECT,
 * checked byte for byte against dhive's output), the authorities each requires (hived's
 * {@code get_required_*_authorities}) and the stateless rules of hived's {@code validate()} that a
 * wallet should catch before broadcasting. Validation, binary and JSON all read this one table.
 */
final class OperationCatalog {
    static final FieldType ACCOUNT = AccountType.REQUIRED;
    static final FieldType ACCOUNT_OR_EMPTY = AccountType.OR_EMPTY;
    static final FieldType ACCOUNT_SET = ListType.set(ACCOUNT, ListType.BYTEWISE);
    static final FieldType AUTHORITY = AuthorityType.INSTANCE;
    static final FieldType OPTIONAL_AUTHORITY = new OptionalType(AUTHORITY);
    static final FieldType KEY = PublicKeyType.INSTANCE;
    static final FieldType BOOL = BoolType.INSTANCE;
    static final FieldType DATE = DateType.INSTANCE;
    static final FieldType PRICE = PriceType.INSTANCE;
    static final FieldType NO_EXTENSIONS = ExtensionsType.NONE;
    /** HIVE_PROPOSAL_SUBJECT_MAX_LENGTH. */
    static final FieldType SUBJECT = new TextType(80, true, TextType.Content.ANY);
    /** HIVE_PROPOSAL_MAX_IDS_NUMBER ids per operation. */
    static final FieldType PROPOSAL_IDS = ListType.set(IntType.ID64, ListType.NUMERIC).size(1, 5);
    static final FieldType VOTE_WEIGHT = new IntType(2, -10_000, 10_000);

    /** legacy_chain_properties of witness_update. */
    static final FieldType CHAIN_PROPERTIES = new StructType(List.of(
            new StructType.Field("account_creation_fee", AssetType.of(NOT_NEGATIVE, HIVE)),
            new StructType.Field("maximum_block_size", IntType.UINT32),
            new StructType.Field("hbd_interest_rate", IntType.PERCENT)));

    /** signed_block_header of report_over_production. */
    static final FieldType BLOCK_HEADER = new StructType(List.of(
            new StructType.Field("previous", BytesType.RIPEMD160),
            new StructType.Field("timestamp", DATE),
            new StructType.Field("witness", ACCOUNT),
            new StructType.Field("transaction_merkle_root", BytesType.RIPEMD160),
            new StructType.Field("extensions", NO_EXTENSIONS),
            new StructType.Field("witness_signature", BytesType.SIGNATURE)));

    /** comment_options' only extension: beneficiaries, sorted by account, under HIVE_BENEFICIARY_LIMIT. */
    static final FieldType COMMENT_OPTIONS_EXTENSIONS = new ExtensionsType(Map.of(0, new StructType(List.of(
            new StructType.Field("beneficiaries", ListType.set(new StructType(List.of(
                            new StructType.Field("account", ACCOUNT),
                            new StructType.Field("weight", IntType.PERCENT))),
                    Comparator.comparing(route -> (String) ((Map<?, ?>) route).get("account"), ListType.BYTEWISE))
                    .size(1, 127))))));

    /** update_proposal's extension 1: a new, earlier end date. */
    static final FieldType UPDATE_PROPOSAL_EXTENSIONS = new ExtensionsType(Map.of(1, new StructType(List.of(
            new StructType.Field("end_date", DATE)))));

    /** recurrent_transfer's extension 1: which of several transfers between the same pair. */
    static final FieldType RECURRENT_TRANSFER_EXTENSIONS = new ExtensionsType(Map.of(1, new StructType(List.of(
            new StructType.Field("pair_id", IntType.UINT8)))));

    private static final Map<OperationType, OperationDefinition> DEFINITIONS = new EnumMap<>(OperationType.class);

    private OperationCatalog() {
    }

    static OperationDefinition definition(OperationType type) {
        return DEFINITIONS.get(type);
    }

    private static void add(OperationDefinition.Builder builder) {
        OperationDefinition definition = builder.build();
        DEFINITIONS.put(definition.type(), definition);
    }

    static boolean differ(Operation op, String a, String b) {
        return !op.string(a).equals(op.string(b));
    }

    static boolean isOneOf(Operation op, String field, String... others) {
        for (String other : others) {
            if (op.string(field).equals(op.string(other))) {
                return true;
            }
        }
        return false;
    }

    static boolean anyPositive(Operation op, String... fields) {
        for (String field : fields) {
            if (op.asset(field).amount() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The HIVE:HBD market: the only one, so neither side may be VESTS. */
    static boolean isHiveHbdPair(AssetSymbol a, AssetSymbol b) {
        return a != b && a != VESTS && b != VESTS;
    }

    static {
        ContentOperations.register(OperationCatalog::add);
        GovernanceOperations.register(OperationCatalog::add);
        WalletOperations.register(OperationCatalog::add);
        AccountOperations.register(OperationCatalog::add);
        if (DEFINITIONS.size() != OperationType.values().length) {
            throw new IllegalStateException("operation schema covers " + DEFINITIONS.size() + " of "
                    + OperationType.values().length + " operations");
        }
    }
}
