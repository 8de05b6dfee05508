package dev.hiveauth.pksa.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.chain.Operation;
import org.junit.jupiter.api.Test;

/** Operations as a person deciding whether to sign them reads them. */
class OperationTextTest {
    private static String text(String json) {
        return OperationText.describe(Operation.fromJson(json));
    }

    @Test
    void commonOperationsReadAsSentences() {
        assertThat(text("[\"transfer\",{\"from\":\"alice\",\"to\":\"bob\",\"amount\":\"12.345 HBD\",\"memo\":\"\"}]"))
                .isEqualTo("transfer 12.345 HBD from alice to bob");
        assertThat(text("[\"transfer\",{\"from\":\"alice\",\"to\":\"bob\",\"amount\":\"1.000 HIVE\",\"memo\":\"#enc\"}]"))
                .isEqualTo("transfer 1.000 HIVE from alice to bob, encrypted memo");
        assertThat(text("[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"p\",\"weight\":-5000}]"))
                .isEqualTo("downvote @bob/p at 50.00 % as alice");
        assertThat(text("[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"p\",\"weight\":0}]"))
                .isEqualTo("remove the vote on @bob/p as alice");
        assertThat(text("[\"comment\",{\"parent_author\":\"\",\"parent_permlink\":\"hive\",\"author\":\"alice\","
                + "\"permlink\":\"hi\",\"title\":\"Hello\",\"body\":\"Body text\",\"json_metadata\":\"{}\"}]"))
                .isEqualTo("post in #hive as @alice/hi, title \"Hello\", 9 characters of text");
        assertThat(text("[\"custom_json\",{\"required_auths\":[],\"required_posting_auths\":[\"alice\"],\"id\":\"follow\","
                + "\"json\":\"[\\\"follow\\\",{}]\"}]"))
                .isEqualTo("custom_json \"follow\" by alice (posting authority): [\"follow\",{}]");
        assertThat(text("[\"delegate_vesting_shares\",{\"delegator\":\"alice\",\"delegatee\":\"bob\",\"vesting_shares\":\"1.000000 VESTS\"}]"))
                .isEqualTo("delegate 1.000000 VESTS from alice to bob");
        assertThat(text("[\"account_witness_vote\",{\"account\":\"alice\",\"witness\":\"gtg\",\"approve\":false}]"))
                .isEqualTo("remove the vote for witness gtg as alice");
    }

    @Test
    void anyOtherOperationShowsItsFields() {
        assertThat(text("[\"withdraw_vesting\",{\"account\":\"alice\",\"vesting_shares\":\"10.000000 VESTS\"}]"))
                .isEqualTo("withdraw_vesting {\"account\":\"alice\",\"vesting_shares\":\"10.000000 VESTS\"}");
    }

    @Test
    void longTextIsCut() {
        String body = "x".repeat(500);
        assertThat(text("[\"custom_json\",{\"required_auths\":[\"alice\"],\"required_posting_auths\":[],\"id\":\"big\","
                + "\"json\":\"\\\"" + body + "\\\"\"}]"))
                .startsWith("custom_json \"big\" by alice (active authority): \"xxx").endsWith("… (302 more characters)");
    }
}
