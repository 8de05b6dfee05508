package dev.hiveauth.protocol.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.testing.Vectors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Whose signatures each operation needs, as hived's get_required_*_authorities says. */
class RequiredAuthoritiesTest {
    /** For the operation of each vector in transactions.json: "level account", "none" or "other N". */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("vote", "posting alice"), Map.entry("comment", "posting alice"),
            Map.entry("delete_comment", "posting alice"), Map.entry("comment_options", "posting alice"),
            Map.entry("custom_json", "posting alice"), Map.entry("claim_reward_balance", "posting alice"),
            Map.entry("custom_binary", "posting alice"),
            Map.entry("transfer", "active alice"), Map.entry("transfer_to_vesting", "active alice"),
            Map.entry("withdraw_vesting", "active alice"), Map.entry("limit_order_create", "active alice"),
            Map.entry("limit_order_cancel", "active alice"), Map.entry("feed_publish", "active gtg"),
            Map.entry("convert", "active alice"), Map.entry("account_create", "active alice"),
            Map.entry("account_update", "active alice"), Map.entry("witness_update", "active alice"),
            Map.entry("account_witness_vote", "active alice"), Map.entry("account_witness_proxy", "active alice"),
            Map.entry("custom", "active alice"), Map.entry("set_withdraw_vesting_route", "active alice"),
            Map.entry("limit_order_create2", "active alice"), Map.entry("claim_account", "active alice"),
            Map.entry("create_claimed_account", "active alice"), Map.entry("request_account_recovery", "active steem"),
            Map.entry("escrow_transfer", "active alice"), Map.entry("escrow_dispute", "active alice"),
            Map.entry("escrow_release", "active carol"), Map.entry("escrow_approve", "active bob"),
            Map.entry("transfer_to_savings", "active alice"), Map.entry("transfer_from_savings", "active alice"),
            Map.entry("cancel_transfer_from_savings", "active alice"), Map.entry("reset_account", "active bob"),
            Map.entry("delegate_vesting_shares", "active alice"),
            Map.entry("account_create_with_delegation", "active alice"),
            // json_metadata "{}" is not empty: hived asks for active
            Map.entry("account_update2", "active alice"),
            Map.entry("create_proposal", "active alice"), Map.entry("update_proposal_votes", "active alice"),
            Map.entry("remove_proposal", "active alice"), Map.entry("update_proposal", "active alice"),
            Map.entry("collateralized_convert", "active alice"), Map.entry("recurrent_transfer", "active alice"),
            Map.entry("change_recovery_account", "owner alice"), Map.entry("decline_voting_rights", "owner alice"),
            Map.entry("set_reset_account", "owner alice"),
            Map.entry("recover_account", "other 2"), Map.entry("witness_set_properties", "other 1"),
            Map.entry("report_over_production", "none"));

    static Stream<JsonNode> cases() {
        return Vectors.cases("transactions.json").stream();
    }

    private static Operation operation(String singleQuoted) {
        return Operation.fromJson(singleQuoted.replace('\'', '"'));
    }

    private static String describe(RequiredAuthorities required) {
        if (required.isEmpty()) {
            return "none";
        }
        if (!required.other().isEmpty()) {
            return "other " + required.other().size();
        }
        StringBuilder out = new StringBuilder();
        required.owner().forEach(name -> out.append("owner ").append(name));
        required.active().forEach(name -> out.append("active ").append(name));
        required.posting().forEach(name -> out.append("posting ").append(name));
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachVectorOperation(JsonNode vector) {
        Transaction transaction = Transaction.fromJson(vector.get("transaction"));
        String name = vector.get("operation").asText();
        assertThat(describe(transaction.operations().get(0).requiredAuthorities())).as(name).isEqualTo(EXPECTED.get(name));
        assertThat(transaction.requiredAuthorities().isPostingOnly()).isEqualTo(EXPECTED.get(name).startsWith("posting"));
    }

    @Test
    void accountUpdateNeedsOwnerOnlyForANewOwnerAuthority() {
        String auth = "{'weight_threshold':1,'account_auths':[],'key_auths':[['STM1111111111111111111111111111111114T1Anm',1]]}";
        String rest = "'memo_key':'STM1111111111111111111111111111111114T1Anm','json_metadata':''";
        assertThat(describe(operation("['account_update',{'account':'alice','owner':" + auth + "," + rest + "}]")
                .requiredAuthorities())).isEqualTo("owner alice");
        assertThat(describe(operation("['account_update',{'account':'alice','posting':" + auth + "," + rest + "}]")
                .requiredAuthorities())).isEqualTo("active alice");
    }

    @Test
    void accountUpdate2FollowsHived() {
        String auth = "{'weight_threshold':1,'account_auths':[],'key_auths':[['STM1111111111111111111111111111111114T1Anm',1]]}";
        String metadata = "'json_metadata':'','posting_json_metadata':'{}'";
        assertThat(describe(operation("['account_update2',{'account':'alice'," + metadata + "}]")
                .requiredAuthorities())).isEqualTo("posting alice");
        assertThat(describe(operation("['account_update2',{'account':'alice','owner':" + auth + "," + metadata + "}]")
                .requiredAuthorities())).isEqualTo("owner alice");
        assertThat(describe(operation("['account_update2',{'account':'alice','posting':" + auth + "," + metadata + "}]")
                .requiredAuthorities())).isEqualTo("active alice");
        assertThat(describe(operation("['account_update2',{'account':'alice','memo_key':"
                + "'STM1111111111111111111111111111111114T1Anm'," + metadata + "}]").requiredAuthorities()))
                .isEqualTo("active alice");
        assertThat(describe(operation("['account_update2',{'account':'alice','json_metadata':'{}','posting_json_metadata':''}]")
                .requiredAuthorities())).isEqualTo("active alice");
    }

    @Test
    void setResetAccountNeedsPostingOnlyForTheFirstResetAccount() {
        assertThat(describe(operation("['set_reset_account',{'account':'alice','current_reset_account':'',"
                + "'reset_account':'bob'}]").requiredAuthorities())).isEqualTo("posting alice");
    }

    @Test
    void specialCasesCarryLiteralAuthorities() {
        JsonNode recover = Vectors.cases("transactions.json").stream()
                .filter(c -> c.get("operation").asText().equals("recover_account")).findFirst().orElseThrow();
        Operation recoverAccount = Transaction.fromJson(recover.get("transaction")).operations().get(0);
        assertThat(recoverAccount.requiredAuthorities().other()).containsExactly(
                recoverAccount.authority("new_owner_authority"), recoverAccount.authority("recent_owner_authority"));

        Operation witness = operation("['witness_set_properties',{'owner':'alice','props':[['key',"
                + "'0203480e5b316d6df234a3771c9a4b7e7dc5aba4a041b3241f771eaf319b40b257']]}]");
        PublicKey signingKey = PublicKey.fromBytes(java.util.HexFormat.of()
                .parseHex("0203480e5b316d6df234a3771c9a4b7e7dc5aba4a041b3241f771eaf319b40b257"));
        assertThat(witness.requiredAuthorities().other()).containsExactly(Authority.ofKey(signingKey));

        Operation binary = operation("['custom_binary',{'required_owner_auths':['olga'],'required_active_auths':['andy'],"
                + "'required_posting_auths':['pete'],'required_auths':[{'weight_threshold':1,'account_auths':[['zoe',1]],"
                + "'key_auths':[]}],'id':'x','data':''}]");
        RequiredAuthorities required = binary.requiredAuthorities();
        assertThat(required.owner()).containsExactly("olga");
        assertThat(required.active()).containsExactly("andy");
        assertThat(required.posting()).containsExactly("pete");
        assertThat(required.other()).hasSize(1);
    }

    @Test
    void aTransactionNeedsWhatAllItsOperationsNeed() {
        Transaction transaction = Transaction.of(1, 2, HiveTime.parse("2026-01-01T00:00:00"), List.of(
                operation("['vote',{'voter':'alice','author':'bob','permlink':'p','weight':100}]"),
                operation("['custom_json',{'required_auths':['carol'],'required_posting_auths':['bob','alice'],"
                        + "'id':'follow','json':'[]'}]")));
        RequiredAuthorities required = transaction.requiredAuthorities();
        assertThat(required.posting()).containsExactly("alice", "bob");
        assertThat(required.active()).isEqualTo(Set.of("carol"));
        assertThat(required.isPostingOnly()).isFalse();
        assertThat(RequiredAuthorities.NONE.isPostingOnly()).isFalse();
    }
}
