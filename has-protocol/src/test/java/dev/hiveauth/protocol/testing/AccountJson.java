package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.chain.HiveTime;

/**
 * An account object in the two shapes nodes return: condenser_api (assets as {@code "0.000 HIVE"}) and
 * database_api (assets as NAI objects). Besides the keys, the usual fields are there with the values of a
 * new, empty account, so clients that read more than the keys find what they expect.
 */
final class AccountJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** What hived writes for a time that never happened. */
    private static final String NEVER = "1970-01-01T00:00:00";

    /** An asset's zero value in one of the two shapes. */
    private enum AssetStyle {
        CONDENSER, NAI;

        void zero(ObjectNode into, String field, String symbol) {
            int precision = symbol.equals("VESTS") ? 6 : 3;
            if (this == CONDENSER) {
                into.put(field, (precision == 6 ? "0.000000 " : "0.000 ") + symbol);
                return;
            }
            String nai = switch (symbol) {
                case "HIVE" -> "@@000000021";
                case "HBD" -> "@@000000013";
                default -> "@@000000037";
            };
            into.putObject(field).put("amount", "0").put("precision", precision).put("nai", nai);
        }
    }

    private AccountJson() {
    }

    static ObjectNode condenser(FakeHiveChain.StoredAccount stored) {
        ObjectNode json = common(stored, AssetStyle.CONDENSER);
        json.put("vesting_balance", "0.000 HIVE");
        json.put("reputation", 0);
        for (String history : new String[] {"transfer_history", "market_history", "post_history", "vote_history",
                "other_history", "witness_votes", "tags_usage", "guest_bloggers"}) {
            json.putArray(history);
        }
        return json;
    }

    static ObjectNode database(FakeHiveChain.StoredAccount stored) {
        return common(stored, AssetStyle.NAI);
    }

    private static ObjectNode common(FakeHiveChain.StoredAccount stored, AssetStyle assets) {
        HiveAccount account = stored.account();
        ObjectNode json = JSON.objectNode();
        json.put("id", stored.id());
        json.put("name", account.name());
        json.set("owner", account.owner().toJson());
        json.set("active", account.active().toJson());
        json.set("posting", account.posting().toJson());
        json.put("memo_key", account.memoKey().toString());
        json.put("json_metadata", "");
        json.put("posting_json_metadata", "");
        json.put("proxy", "");
        json.put("previous_owner_update", NEVER);
        json.put("last_owner_update", NEVER);
        json.put("last_account_update", HiveTime.format(stored.lastUpdate()));
        json.put("created", HiveTime.format(stored.created()));
        json.put("mined", false);
        json.put("recovery_account", "initminer");
        json.put("last_account_recovery", NEVER);
        json.put("reset_account", "null");
        json.put("comment_count", 0);
        json.put("lifetime_vote_count", 0);
        json.put("post_count", 0);
        json.put("can_vote", true);
        long epoch = stored.created().getEpochSecond();
        json.putObject("voting_manabar").put("current_mana", 0).put("last_update_time", epoch);
        json.putObject("downvote_manabar").put("current_mana", 0).put("last_update_time", epoch);
        assets.zero(json, "balance", "HIVE");
        assets.zero(json, "savings_balance", "HIVE");
        assets.zero(json, "hbd_balance", "HBD");
        json.put("hbd_seconds", "0");
        json.put("hbd_seconds_last_update", NEVER);
        json.put("hbd_last_interest_payment", NEVER);
        assets.zero(json, "savings_hbd_balance", "HBD");
        json.put("savings_hbd_seconds", "0");
        json.put("savings_hbd_seconds_last_update", NEVER);
        json.put("savings_hbd_last_interest_payment", NEVER);
        json.put("savings_withdraw_requests", 0);
        assets.zero(json, "reward_hbd_balance", "HBD");
        assets.zero(json, "reward_hive_balance", "HIVE");
        assets.zero(json, "reward_vesting_balance", "VESTS");
        assets.zero(json, "reward_vesting_hive", "HIVE");
        assets.zero(json, "vesting_shares", "VESTS");
        assets.zero(json, "delegated_vesting_shares", "VESTS");
        assets.zero(json, "received_vesting_shares", "VESTS");
        assets.zero(json, "vesting_withdraw_rate", "VESTS");
        assets.zero(json, "post_voting_power", "VESTS");
        json.put("next_vesting_withdrawal", "1969-12-31T23:59:59");
        json.put("withdrawn", 0);
        json.put("to_withdraw", 0);
        json.put("withdraw_routes", 0);
        json.put("pending_transfers", 0);
        json.put("curation_rewards", 0);
        json.put("posting_rewards", 0);
        json.putArray("proxied_vsf_votes").add(0).add(0).add(0).add(0);
        json.put("witnesses_voted_for", 0);
        json.put("last_post", NEVER);
        json.put("last_root_post", NEVER);
        json.put("last_vote_time", NEVER);
        json.put("post_bandwidth", 0);
        json.put("pending_claimed_accounts", 0);
        json.put("open_recurrent_transfers", 0);
        json.put("is_smt", false);
        json.putArray("delayed_votes");
        json.put("governance_vote_expiration_ts", HiveTime.format(stored.created().plusSeconds(365L * 24 * 3600)));
        return json;
    }
}
