package dev.hiveauth.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hiveauth.protocol.json.StrictJson;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a relay does with requests and replies, in the vocabulary of the message types. */
class RequestAndReplyTest {
    static final String UUID = "9b0e2dc3-f574-4766-abdd-c429dce11284";
    static final long EXPIRE = 1_700_000_060_000L;

    @Test
    void theServerForwardsARequestWithItsUuidAndExpireAndEverythingElseVerbatim() {
        Request fromApp = (Request) MessageCodec.decode(
                "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"d\",\"token\":\"t\",\"auth_key\":\"k\"}");
        assertThat(fromApp.isForwarded()).isFalse();

        Request toPksa = fromApp.forwarded(UUID, EXPIRE);

        assertThat(toPksa.isForwarded()).isTrue();
        assertThat(MessageCodec.encode(toPksa)).isEqualTo("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"d\","
                + "\"uuid\":\"" + UUID + "\",\"expire\":1700000060000,\"token\":\"t\",\"auth_key\":\"k\"}");
    }

    @Test
    void eachRequestHasItsWaitReply() {
        assertThat(new AuthReq("alice", "d").waitReply(UUID, EXPIRE)).isEqualTo(new AuthWait(UUID, EXPIRE, "alice"));
        assertThat(new SignReq("alice", "d", "t").waitReply(UUID, EXPIRE)).isEqualTo(new SignWait(UUID, EXPIRE));
        assertThat(new ChallengeReq("alice", "d", null).waitReply(UUID, EXPIRE))
                .isEqualTo(new ChallengeWait(UUID, EXPIRE));
        assertThat(new SignReq("alice", "d", "t").forwarded(UUID, EXPIRE).token()).isEqualTo("t");
    }

    @Test
    void repliesAreMatchedToRequestsByFamily() {
        List<Reply> replies = List.of(new AuthAck(UUID, "d", null), new AuthNack(UUID, "d", null),
                new AuthErr(UUID, "e", null), SignAck.broadcast(UUID, "tx", null), new SignNack(UUID, "d", null),
                new SignErr(UUID, "e", null), new ChallengeAck(UUID, "d", null), new ChallengeNack(UUID, "d", null),
                new ChallengeErr(UUID, "e", null));

        assertThat(replies).extracting(Reply::family).containsExactly(Family.AUTH, Family.AUTH, Family.AUTH,
                Family.SIGN, Family.SIGN, Family.SIGN, Family.CHALLENGE, Family.CHALLENGE, Family.CHALLENGE);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.cmd()).startsWith(reply.family().prefix() + "_"));
        assertThat(new SignReq("alice", "d", null).family()).isNotEqualTo(new AuthAck(UUID, "d", null).family());
    }

    @Test
    void relayedRepliesNeverCarryThePok() {
        String withPok = "{\"cmd\":\"challenge_ack\",\"uuid\":\"" + UUID + "\",\"data\":\"d\",\"pok\":\"#p\",\"extra\":1}";

        Reply relayed = ((Reply) MessageCodec.decode(withPok)).relayed();

        assertThat(relayed.pok()).isNull();
        assertThat(MessageCodec.encode(relayed))
                .isEqualTo("{\"cmd\":\"challenge_ack\",\"uuid\":\"" + UUID + "\",\"data\":\"d\"}");
    }

    @Test
    void relayedRepliesKeepTheirDocumentedFields() {
        assertThat(new SignNack(UUID, "d", "#p", "declined").relayed()).isEqualTo(new SignNack(UUID, "d", null, "declined"));
        assertThat(new AuthErr(UUID, "failed", "#p").relayed()).isEqualTo(new AuthErr(UUID, "failed", null));
        SignAck ack = new SignAck(UUID, TextNode.valueOf("tx"), false, "#p");
        assertThat(ack.relayed()).isEqualTo(new SignAck(UUID, ack.data(), false, null));
    }

    @Test
    void aSignAckCannotBeChangedThroughItsTree() {
        ObjectNode tx = StrictJson.parseObject("{\"signatures\":[]}");
        SignAck ack = SignAck.signedOnly(UUID, tx, null);

        tx.put("signatures", "changed");
        ((ObjectNode) ack.data()).putArray("signatures").add("also changed");

        assertThat(MessageCodec.encode(ack)).contains("\"data\":{\"signatures\":[]}");
    }

    @Test
    void recordsRefuseInvalidStateWhenBuiltByCode() {
        assertThatThrownBy(() -> new AuthReq("alice", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SignReq("alice", "d", null, UUID, null)).hasMessage("uuid and expire go together");
        assertThatThrownBy(() -> new SignWait(UUID, -1)).hasMessage("expire must not be negative");
        assertThatThrownBy(() -> new Connected(-1, "v")).hasMessage("timeout must not be negative");
        assertThatThrownBy(() -> new Connected(60, "v", new BigDecimal("1e9")))
                .hasMessage("protocol must be in [0, 1000) with at most 6 decimals");
        assertThatThrownBy(() -> new RegisterReq.Account("alice", null, "posting", null))
                .hasMessage("an account needs a pok or a legacy challenge");
        assertThatThrownBy(() -> new SignAck(UUID, StrictJson.parseObject("{\"a\":[1]}").get("a"), true, null))
                .hasMessage("data must be a transaction id string or a transaction object");
    }

    @Test
    void protocolOneAndOnePointZeroAreTheSameVersion() {
        assertThat(new Connected(60, "v", new BigDecimal("1.0"))).isEqualTo(new Connected(60, "v"));
        assertThat(MessageCodec.decode("{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"v\",\"protocol\":1.0}"))
                .isEqualTo(new Connected(60, "v"));
    }
}
