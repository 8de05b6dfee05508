/**
 * Hive transactions: the 48 operations dhive serializes, in the condenser JSON form nodes accept
 * ({@code ["transfer", {...}]}), their legacy binary serialization (what dhive and hive-js sign),
 * digests, ids and signing.
 *
 * <p>Entry points: {@link dev.hiveauth.protocol.chain.Operation#fromJson(com.fasterxml.jackson.databind.JsonNode)},
 * {@link dev.hiveauth.protocol.chain.TransactionBuilder}, {@link dev.hiveauth.protocol.chain.Transaction} and
 * {@link dev.hiveauth.protocol.chain.SignedTransaction}. One table of operation definitions
 * ({@code OperationCatalog}) drives validation, binary and JSON, so the three cannot drift apart.
 *
 * <p>Choices where the chain, dhive and hive-js leave room:
 * <ul>
 * <li>Input is checked as hived's {@code validate()} checks it statelessly (account names, asset symbols and
 *     signs, percentages, lengths, JSON text, rules across fields), so a wallet refuses before broadcasting
 *     what a node would refuse. Errors name the field: {@code transfer.amount: "1.0000 HIVE" has 4 decimals,
 *     HIVE takes 3}. Unknown and missing fields are errors; absent optionals and an absent
 *     {@code extensions} read as empty, as nodes read them.</li>
 * <li>flat_sets (required auths, proposal ids, authority members, witness properties) are sorted the
 *     way the chain sorts them, because a node re-sorts them before checking signatures; duplicates are
 *     refused instead of being dropped silently. Beneficiaries, which hived wants sorted by account, are
 *     sorted the same way.</li>
 * <li>{@code future_extensions} (the {@code extensions} of most operations and of the transaction) must be
 *     empty: the only variant is {@code void_t}, which says nothing, and dhive cannot serialize it. The real
 *     extensions are supported as {@code [type, {...}]}: comment_options beneficiaries (0),
 *     update_proposal end_date (1), recurrent_transfer pair_id (1).</li>
 * <li>Assets are only read from strings ({@code "1.000 HIVE"}, STEEM/SBD accepted) with exactly the
 *     symbol's precision; JSON numbers (which dhive also takes) are refused because they hide the precision.</li>
 * <li>Required authorities follow hived: report_over_production needs none; set_reset_account needs owner
 *     only when replacing an existing reset account (posting otherwise); account_update2 needs active
 *     for a non-empty json_metadata as well. reset_account and set_reset_account are serialized, but hived
 *     refuses them in validate().</li>
 * <li>Account names follow hived's {@code is_valid_account_name}, which allows two hyphens in a row.</li>
 * </ul>
 */
package dev.hiveauth.protocol.chain;
