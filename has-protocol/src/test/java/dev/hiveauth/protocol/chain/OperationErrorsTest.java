package dev.hiveauth.protocol.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets an error that names the operation, the field and the reason. JSON is written with ' for ". */
class OperationErrorsTest {
    private static final String VOTE = "'voter':'alice','author':'bob','permlink':'p'";
    private static final String TRANSFER = "'from':'alice','to':'bob','memo':''";

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static void assertRejected(String operation, String message) {
        assertThatThrownBy(() -> Operation.fromJson(json(operation)))
                .isInstanceOf(ChainFormatException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "['fly',{}] | operation: unknown operation \"fly\"",
            "['pow',{}] | operation: \"pow\" is a retired mining operation and cannot be signed any more",
            "['fill_order',{}] | operation: unknown operation \"fill_order\"",
            "{'vote':{}} | operation: expected an operation like [\"vote\", {...}], got {\"vote\":{}}",
            "['vote'] | operation: expected an operation like [\"vote\", {...}], got [\"vote\"]",
            "[0,{}] | operation: expected an operation like [\"vote\", {...}], got [0,{}]",
            "['vote',[]] | vote: expected an object, got []",
    })
    void unknownOrMisshapenOperations(String operation, String message) {
        assertRejected(operation, message);
    }

    @Test
    void missingAndExtraFields() {
        assertRejected("['vote',{" + VOTE + "}]", "vote: missing field \"weight\"");
        assertRejected("['vote',{" + VOTE + ",'weight':1,'wieght':1}]", "vote: unknown field \"wieght\"");
        assertRejected("['feed_publish',{'publisher':'gtg','exchange_rate':{'base':'1.000 HBD'}}]",
                "feed_publish.exchange_rate: missing field \"quote\"");
    }

    @Test
    void wrongTypes() {
        assertRejected("['vote',{" + VOTE + ",'weight':'abc'}]", "vote.weight: expected an integer, got \"abc\"");
        assertRejected("['vote',{" + VOTE + ",'weight':1.5}]", "vote.weight: expected an integer, got 1.5");
        assertRejected("['transfer',{" + TRANSFER + ",'amount':1}]", "transfer.amount: expected a string, got 1");
        assertRejected("['account_witness_vote',{'account':'alice','witness':'gtg','approve':'yes'}]",
                "account_witness_vote.approve: expected true or false, got \"yes\"");
        assertRejected("['custom_json',{'required_auths':'alice','required_posting_auths':[],'id':'x','json':'{}'}]",
                "custom_json.required_auths: expected an array, got \"alice\"");
        assertRejected("['transfer',{'from':null,'to':'bob','amount':'1.000 HIVE','memo':''}]",
                "transfer.from: expected a string, got null");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "['vote',{" + VOTE + ",'weight':10001}] | vote.weight: 10001 is out of range -10000..10000",
            "['vote',{" + VOTE + ",'weight':-10001}] | vote.weight: -10001 is out of range -10000..10000",
            "['custom',{'required_auths':['alice'],'id':65536,'data':''}] | custom.id: 65536 is out of range 0..65535",
            "['limit_order_cancel',{'owner':'alice','orderid':-1}] | limit_order_cancel.orderid: -1 is out of range 0..4294967295",
            "['limit_order_cancel',{'owner':'alice','orderid':4294967296}] | limit_order_cancel.orderid: 4294967296 is out of range 0..4294967295",
            "['set_withdraw_vesting_route',{'from_account':'alice','to_account':'bob','percent':10001,'auto_vest':true}] | set_withdraw_vesting_route.percent: 10001 is out of range 0..10000",
            "['recurrent_transfer',{'from':'alice','to':'bob','amount':'1.000 HIVE','memo':'','recurrence':23,'executions':2}] | recurrent_transfer.recurrence: 23 is out of range 24..65535",
            "['remove_proposal',{'proposal_owner':'alice','proposal_ids':[-1]}] | remove_proposal.proposal_ids[0]: -1 is out of range 0..9223372036854775807",
    })
    void valuesOutOfRange(String operation, String message) {
        assertRejected(operation, message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "1.0000 HIVE | transfer.amount: \"1.0000 HIVE\" has 4 decimals, HIVE takes 3",
            "1 HIVE | transfer.amount: \"1 HIVE\" has 0 decimals, HIVE takes 3",
            "1.000 BTC | transfer.amount: unknown asset symbol \"BTC\" in \"1.000 BTC\" (expected HIVE, HBD or VESTS)",
            "1.000000 VESTS | transfer.amount: must be HIVE or HBD, got \"1.000000 VESTS\"",
            "0.000 HIVE | transfer.amount: must be greater than 0, got \"0.000 HIVE\"",
            "-1.000 HBD | transfer.amount: must be greater than 0, got \"-1.000 HBD\"",
            "one HIVE | transfer.amount: \"one HIVE\" is not an amount like \"1.000 HIVE\"",
    })
    void assetsWithTheWrongPrecisionSymbolOrSign(String amount, String message) {
        assertRejected("['transfer',{" + TRANSFER + ",'amount':'" + amount + "'}]", message);
    }

    @Test
    void assetRulesOfOtherOperations() {
        assertRejected("['withdraw_vesting',{'account':'alice','vesting_shares':'-0.000001 VESTS'}]",
                "withdraw_vesting.vesting_shares: must not be negative, got \"-0.000001 VESTS\"");
        assertRejected("['convert',{'owner':'alice','requestid':1,'amount':'1.000 HIVE'}]",
                "convert.amount: must be HBD, got \"1.000 HIVE\"");
        assertRejected("['transfer_to_vesting',{'from':'alice','to':'','amount':'1.000 HBD'}]",
                "transfer_to_vesting.amount: must be HIVE, got \"1.000 HBD\"");
        assertThat(Operation.fromJson(json("['withdraw_vesting',{'account':'alice','vesting_shares':'0.000000 VESTS'}]"))
                .asset("vesting_shares").amount()).isZero();
    }

    @Test
    void invalidAccountNamesWhereverTheyAppear() {
        assertRejected("['transfer',{'from':'alice','to':'Bob','amount':'1.000 HIVE','memo':''}]",
                "transfer.to: \"Bob\" is not a valid account name: \"Bob\" must start with a lower-case letter");
        assertRejected("['custom_json',{'required_auths':[],'required_posting_auths':['alice','x'],'id':'a','json':'{}'}]",
                "custom_json.required_posting_auths[1]: \"x\" is not a valid account name: it has 1 character,"
                        + " an account name has 3 to 16");
        assertRejected("['account_update',{'account':'alice','active':{'weight_threshold':1,'account_auths':[['a.b',1]],"
                        + "'key_auths':[]},'memo_key':'STM1111111111111111111111111111111114T1Anm','json_metadata':''}]",
                "account_update.active.account_auths[0][0]: \"a.b\" is not a valid account name:"
                        + " each dot-separated part needs at least 3 characters, \"a\" has 1");
        assertRejected("['vote',{'voter':'','author':'bob','permlink':'p','weight':1}]",
                "vote.voter: \"\" is not a valid account name: it has 0 characters, an account name has 3 to 16");
    }

    @Test
    void setsRefuseDuplicatesAndCheckTheirSize() {
        assertRejected("['custom_json',{'required_auths':[],'required_posting_auths':['bob','alice','bob'],'id':'a','json':'{}'}]",
                "custom_json.required_posting_auths: \"bob\" appears twice");
        assertRejected("['update_proposal_votes',{'voter':'alice','proposal_ids':[],'approve':true}]",
                "update_proposal_votes.proposal_ids: needs at least 1 entry");
        assertRejected("['update_proposal_votes',{'voter':'alice','proposal_ids':[1,2,3,4,5,6],'approve':true}]",
                "update_proposal_votes.proposal_ids: has 6 entries, at most 5 allowed");
    }

    @Test
    void extensions() {
        assertRejected("['claim_account',{'creator':'alice','fee':'0.000 HIVE','extensions':[[0,{}]]}]",
                "claim_account.extensions: must be empty: the chain defines no extension here, got [[0,{}]]");
        assertRejected("['comment_options',{'author':'alice','permlink':'p','max_accepted_payout':'1.000 HBD',"
                        + "'percent_hbd':0,'allow_votes':true,'allow_curation_rewards':true,'extensions':[[1,{}]]}]",
                "comment_options.extensions[0]: unknown extension type 1 (known: 0 beneficiaries)");
        assertRejected("['comment_options',{'author':'alice','permlink':'p','max_accepted_payout':'1.000 HBD',"
                        + "'percent_hbd':0,'allow_votes':true,'allow_curation_rewards':true,'extensions':"
                        + "[[0,{'beneficiaries':[{'account':'bob','weight':6000},{'account':'carol','weight':5000}]}]]}]",
                "comment_options.extensions: beneficiaries cannot receive more than 100% (10000) of the rewards");
        assertRejected("['comment_options',{'author':'alice','permlink':'p','max_accepted_payout':'1.000 HBD',"
                        + "'percent_hbd':0,'allow_votes':true,'allow_curation_rewards':true,'extensions':"
                        + "[[0,{'beneficiaries':[]}]]}]",
                "comment_options.extensions[0][1].beneficiaries: needs at least 1 entry");
        assertRejected("['comment_options',{'author':'alice','permlink':'p','max_accepted_payout':'1.000 HBD',"
                        + "'percent_hbd':0,'allow_votes':true,'allow_curation_rewards':true,'extensions':"
                        + "[{'type':'comment_payout_beneficiaries'}]}]",
                "comment_options.extensions[0]: expected a [type, {...}] pair, got {\"type\":\"comment_payout_beneficiaries\"}");
        assertRejected("['recurrent_transfer',{'from':'alice','to':'bob','amount':'1.000 HIVE','memo':'','recurrence':24,"
                        + "'executions':2,'extensions':[[1,{'pair_id':256}]]}]",
                "recurrent_transfer.extensions[0][1].pair_id: 256 is out of range 0..255");
    }

    @Test
    void textFields() {
        assertRejected("['custom_json',{'required_auths':[],'required_posting_auths':['alice'],'id':'a','json':'{nope'}]",
                "custom_json.json: is not valid JSON: \"{nope\"");
        assertRejected("['custom_json',{'required_auths':[],'required_posting_auths':['alice'],'id':'a','json':''}]",
                "custom_json.json: is not valid JSON: \"\"");
        assertRejected("['custom_json',{'required_auths':[],'required_posting_auths':['alice'],'id':'" + "i".repeat(33)
                        + "','json':'{}'}]", "custom_json.id: is 33 bytes long, at most 32 allowed");
        assertRejected("['comment',{'parent_author':'','parent_permlink':'hive','author':'alice','permlink':'p',"
                        + "'title':'','body':'','json_metadata':''}]", "comment.body: must not be empty");
        assertRejected("['comment',{'parent_author':'','parent_permlink':'hive','author':'alice','permlink':'p',"
                        + "'title':'','body':'b','json_metadata':'{'}]", "comment.json_metadata: is not valid JSON: \"{\"");
        assertRejected("['transfer',{'from':'alice','to':'bob','amount':'1.000 HIVE','memo':'" + "m".repeat(2048) + "'}]",
                "transfer.memo: is 2048 bytes long, at most 2047 allowed");
        assertRejected("['transfer',{'from':'alice','to':'bob','amount':'1.000 HIVE','memo':'\\ud800'}]",
                "transfer.memo: is not valid UTF-8 (it has an unpaired surrogate)");
    }

    @Test
    void rulesAcrossFields() {
        assertRejected("['escrow_transfer',{'from':'alice','to':'bob','hbd_amount':'0.000 HBD','hive_amount':'0.000 HIVE',"
                        + "'escrow_id':1,'agent':'carol','fee':'0.001 HBD','json_meta':'',"
                        + "'ratification_deadline':'2026-01-01T00:00:00','escrow_expiration':'2026-02-01T00:00:00'}]",
                "escrow_transfer: escrow must transfer a non-zero amount");
        assertRejected("['escrow_transfer',{'from':'alice','to':'bob','hbd_amount':'1.000 HBD','hive_amount':'0.000 HIVE',"
                        + "'escrow_id':1,'agent':'carol','fee':'0.001 HBD','json_meta':'',"
                        + "'ratification_deadline':'2026-02-01T00:00:00','escrow_expiration':'2026-02-01T00:00:00'}]",
                "escrow_transfer.ratification_deadline: must be before escrow_expiration");
        assertRejected("['escrow_approve',{'from':'alice','to':'bob','agent':'carol','who':'alice','escrow_id':1,'approve':true}]",
                "escrow_approve.who: must be to or agent");
        assertRejected("['delegate_vesting_shares',{'delegator':'alice','delegatee':'alice','vesting_shares':'1.000000 VESTS'}]",
                "delegate_vesting_shares.delegatee: cannot delegate to oneself");
        assertRejected("['claim_reward_balance',{'account':'alice','reward_hive':'0.000 HIVE','reward_hbd':'0.000 HBD',"
                + "'reward_vests':'0.000000 VESTS'}]", "claim_reward_balance: must claim something: all three rewards are zero");
        assertRejected("['limit_order_create2',{'owner':'alice','orderid':1,'amount_to_sell':'1.000 HBD','exchange_rate':"
                        + "{'base':'1.000 HIVE','quote':'1.000 HBD'},'fill_or_kill':false,'expiration':'2026-01-01T00:00:00'}]",
                "limit_order_create2.exchange_rate: the base of the price must be the asset sold");
        assertRejected("['feed_publish',{'publisher':'gtg','exchange_rate':{'base':'1.000 HBD','quote':'1.000000 VESTS'}}]",
                "feed_publish.exchange_rate: price feed must be a HIVE/HBD price");
        assertRejected("['custom_json',{'required_auths':[],'required_posting_auths':[],'id':'a','json':'{}'}]",
                "custom_json: at least one account must be given in required_auths or required_posting_auths");
        assertRejected("['account_witness_proxy',{'account':'alice','proxy':'alice'}]",
                "account_witness_proxy.proxy: cannot proxy to oneself");
        assertRejected("['witness_set_properties',{'owner':'alice','props':[['url','0161']],'extensions':[]}]",
                "witness_set_properties.props: must contain \"key\", the witness's current signing key");
        assertRejected("['witness_set_properties',{'owner':'alice','props':[['key','02ff']],'extensions':[]}]",
                "witness_set_properties.props.key: must be a 33-byte public key, got 2 bytes");
    }

    @Test
    void malformedJsonText() {
        assertThatThrownBy(() -> Operation.fromJson("[\"vote\", {"))
                .isInstanceOf(ChainFormatException.class)
                .hasMessageStartingWith("operation: not valid JSON: ");
    }

    @Test
    void errorsInsideATransactionSayWhichOperation() {
        String header = "'ref_block_num':1,'ref_block_prefix':2,'expiration':'2026-01-01T00:00:00'";
        String good = "['vote',{" + VOTE + ",'weight':1}]";
        assertThatThrownBy(() -> Transaction.fromJson(json("{" + header + ",'operations':[" + good
                + ",['transfer',{" + TRANSFER + ",'amount':'1.0000 HIVE'}]]}")))
                .hasMessage("transaction.operations[1].transfer.amount: \"1.0000 HIVE\" has 4 decimals, HIVE takes 3");
        assertThatThrownBy(() -> Transaction.fromJson(json("{" + header + ",'operations':[]}")))
                .hasMessage("transaction.operations: a transaction needs at least one operation");
        assertThatThrownBy(() -> Transaction.fromJson(json("{'ref_block_num':1,'ref_block_prefix':2,'operations':[]}")))
                .hasMessage("transaction: missing field \"expiration\"");
        assertThatThrownBy(() -> Transaction.fromJson(json("{" + header + ",'operations':[" + good + "],'memo':1}")))
                .hasMessage("transaction: unknown field \"memo\"");
        assertThatThrownBy(() -> Transaction.fromJson(json("{" + header + ",'operations':[" + good + "],'extensions':['x']}")))
                .hasMessage("transaction.extensions: must be empty: the chain defines no extension here, got [\"x\"]");
        assertThatThrownBy(() -> Transaction.fromJson(json("{'ref_block_num':65536,'ref_block_prefix':2,"
                + "'expiration':'2026-01-01T00:00:00','operations':[" + good + "]}")))
                .hasMessage("transaction.ref_block_num: 65536 is out of range 0..65535");
        assertThatThrownBy(() -> Transaction.fromJson(json("{" + header + ",'operations':[" + good + "],'signatures':['1f00']}")))
                .hasMessage("transaction.signatures: an unsigned transaction has no signatures"
                        + " (read signed ones with SignedTransaction.fromJson)");
        assertThatThrownBy(() -> SignedTransaction.fromJson(json("{" + header + ",'operations':[" + good + "],'signatures':['1f00']}")))
                .hasMessage("transaction.signatures[0]: signature must be 65 bytes, got 2");
    }

    @Test
    void truncatedOrTrailingBytes() {
        byte[] vote = Operation.fromJson(json("['vote',{" + VOTE + ",'weight':1}]")).toBytes();
        assertThatThrownBy(() -> Operation.fromBytes(java.util.Arrays.copyOf(vote, vote.length - 1)))
                .hasMessageStartingWith("operation.vote.weight: truncated: needs 2 more bytes");
        assertThatThrownBy(() -> Operation.fromBytes(java.util.Arrays.copyOf(vote, vote.length + 1)))
                .hasMessage("operation: 1 unexpected bytes after the end");
        assertThatThrownBy(() -> Operation.fromBytes(new byte[] {14}))
                .hasMessage("operation: unknown operation id 14");
    }
}
