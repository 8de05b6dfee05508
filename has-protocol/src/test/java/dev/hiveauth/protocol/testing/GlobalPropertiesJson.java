package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.chain.HiveTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code condenser_api.get_dynamic_global_properties} as a mainnet node answers it: the head block that
 * TaPoS and expiration come from, and the other fields with plausible mainnet-sized values.
 */
final class GlobalPropertiesJson {
    /** Block producers take turns; the name only has to look like one. */
    private static final String[] WITNESSES = {"gtg", "blocktrades", "arcange", "good-karma", "themarkymark"};

    private GlobalPropertiesJson() {
    }

    static ObjectNode condenser(BlockSchedule.Head head) {
        long number = head.number();
        Instant time = head.time();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("head_block_number", number);
        json.put("head_block_id", BlockSchedule.idHex(number));
        json.put("time", HiveTime.format(time));
        json.put("current_witness", WITNESSES[(int) (number % WITNESSES.length)]);
        json.put("total_pow", 514415);
        json.put("num_pow_witnesses", 172);
        json.put("virtual_supply", "493104785.339 HIVE");
        json.put("current_supply", "478960247.716 HIVE");
        json.put("init_hbd_supply", "0.000 HBD");
        json.put("current_hbd_supply", "31604718.511 HBD");
        json.put("total_vesting_fund_hive", "181652301.093 HIVE");
        json.put("total_vesting_shares", "310871540987.602817 VESTS");
        json.put("total_reward_fund_hive", "0.000 HIVE");
        json.put("total_reward_shares2", "0");
        json.put("pending_rewarded_vesting_shares", "306513987.136422 VESTS");
        json.put("pending_rewarded_vesting_hive", "165123.448 HIVE");
        json.put("hbd_interest_rate", 1500);
        json.put("hbd_print_rate", 10000);
        json.put("maximum_block_size", 65536);
        json.put("required_actions_partition_percent", 0);
        json.put("current_aslot", number + 1_017_000);
        json.put("recent_slots_filled", "340282366920938463463374607431768211455");
        json.put("participation_count", 128);
        json.put("last_irreversible_block_num", head.lastIrreversible());
        json.put("vote_power_reserve_rate", 10);
        json.put("delegation_return_period", 432000);
        json.put("reverse_auction_seconds", 0);
        json.put("available_account_subsidies", 19658452);
        json.put("hbd_stop_percent", 2000);
        json.put("hbd_start_percent", 2000);
        Instant nextHour = time.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        json.put("next_maintenance_time", HiveTime.format(nextHour));
        json.put("last_budget_time", HiveTime.format(nextHour.minus(Duration.ofHours(1))));
        json.put("next_daily_maintenance_time", HiveTime.format(time.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))));
        json.put("content_reward_percent", 6500);
        json.put("vesting_reward_percent", 1500);
        json.put("proposal_fund_percent", 1000);
        json.put("dhf_interval_ledger", "0.000 HBD");
        json.put("downvote_pool_percent", 2500);
        json.put("current_remove_threshold", 200);
        json.put("early_voting_seconds", 86400);
        json.put("mid_voting_seconds", 172800);
        json.put("max_consecutive_recurrent_transfer_failures", 10);
        json.put("max_recurrent_transfer_end_date", 730);
        json.put("min_recurrent_transfers_recurrence", 24);
        json.put("max_open_recurrent_transfers", 255);
        return json;
    }
}
