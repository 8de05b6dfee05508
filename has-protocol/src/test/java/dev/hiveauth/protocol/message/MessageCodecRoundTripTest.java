package dev.hiveauth.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.json.StrictJson;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecRoundTripTest {
    static final String UUID = "9b0e2dc3-f574-4766-abdd-c429dce11284";
    static final long EXPIRE = 1_700_000_060_000L;
    static final String DATA = "U2FsdGVkX18BAgMEBQYHCBq8aA/LEB26UaF+WruuxZ330hkmBzPlufibi1lnI2zL";
    static final String POK = "#4Ed6wVQoZ2AqLdbMJjPSsm3mQBh4M7PdyeCbw7Ubg9GJ";

    /** One or more instances of every message type, with and without their optional fields. */
    static List<HasMessage> everyMessage() {
        JsonNode signedTx = StrictJson.parseObject("{\"ref_block_num\":1234,\"ref_block_prefix\":3000000000,"
                + "\"expiration\":\"2023-11-14T22:14:20\",\"operations\":[[\"vote\",{\"voter\":\"alice\","
                + "\"author\":\"bob\",\"permlink\":\"p\",\"weight\":10000}]],\"extensions\":[],"
                + "\"signatures\":[\"1f00\"]}");
        return List.of(
                new Connected(60, "1.2.3"),
                new Connected(30, "0.8.9", new BigDecimal("0.8")),
                new KeyReq(),
                new KeyAck("STM6aGPtxMUGnTPfKLSxdwCHbximSJxzrRjeQmwRW9BRCdrFotKLs"),
                new RegisterReq("HiveAuth Mobile", List.of(RegisterReq.Account.withPok("alice", POK),
                        RegisterReq.Account.withPok("bob", POK))),
                new RegisterReq("Hive Keychain", List.of(RegisterReq.Account.legacy("alice", "memo", POK))),
                new RegisterReq("empty", List.of()),
                new RegisterAck("alice"),
                new AuthReq("alice", DATA),
                new AuthReq("alice", DATA, "U2FsdGVkX1+wrapped", "a-token", null, null),
                new AuthReq("alice", DATA, "U2FsdGVkX1+wrapped", "a-token", UUID, EXPIRE),
                new AuthReq("alice", DATA).forwarded(UUID, EXPIRE),
                new AuthWait(UUID, EXPIRE, "alice"),
                new AuthAck(UUID, DATA, POK),
                new AuthAck(UUID, DATA, null),
                new AuthNack(UUID, DATA, POK),
                new AuthNack(UUID, null, null, null),
                new AuthErr(UUID, "Failed to process authentication request", POK),
                new SignReq("alice", DATA, null),
                new SignReq("alice", DATA, "a-token", UUID, EXPIRE),
                new SignWait(UUID, EXPIRE),
                SignAck.broadcast(UUID, "c6b1b6e2a2cdd0a0f0a1d2c3b4a5968778695a4b", POK),
                SignAck.signedOnly(UUID, signedTx, POK),
                new SignAck(UUID, signedTx, null, null),
                new SignNack(UUID, DATA, POK),
                new SignNack(UUID, null, null, "Request was canceled by the user"),
                new SignErr(UUID, DATA, POK),
                new ChallengeReq("alice", DATA, null),
                new ChallengeReq("alice", DATA, "a-token", UUID, EXPIRE),
                new ChallengeWait(UUID, EXPIRE),
                new ChallengeAck(UUID, DATA, POK),
                new ChallengeNack(UUID, DATA, null, null),
                new ChallengeErr(UUID, DATA, null),
                new AttachReq(UUID),
                new AttachAck(UUID),
                new AttachNack(UUID),
                new ErrorMessage("unknown cmd \"foo\""),
                new ErrorMessage("request expired", UUID),
                new WaitNotice(Family.AUTH),
                new WaitNotice(Family.SIGN),
                new WaitNotice(Family.CHALLENGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessage")
    void decodesWhatItEncodes(HasMessage message) {
        String json = MessageCodec.encode(message);

        assertThat(MessageCodec.decode(json)).isEqualTo(message);
        assertThat(json).startsWith("{\"cmd\":\"" + message.cmd() + "\"");
        assertThat(MessageCodec.encode(MessageCodec.decode(json))).isEqualTo(json);
    }

    @Test
    void coversEveryCommand() {
        Set<String> cmds = everyMessage().stream().map(HasMessage::cmd).collect(Collectors.toSet());

        assertThat(cmds).containsExactlyInAnyOrder("connected", "key_req", "key_ack", "register_req",
                "register_ack", "auth_req", "auth_wait", "auth_ack", "auth_nack", "auth_err", "sign_req",
                "sign_wait", "sign_ack", "sign_nack", "sign_err", "challenge_req", "challenge_wait",
                "challenge_ack", "challenge_nack", "challenge_err", "attach_req", "attach_ack", "attach_nack",
                "error");
    }

    static Stream<Arguments> exactEncodings() {
        return Stream.of(
                Arguments.of(new Connected(60, "1.0.0"),
                        "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"1.0.0\",\"protocol\":1}"),
                Arguments.of(new Connected(60, "1.0.0", new BigDecimal("1.0")),
                        "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"1.0.0\",\"protocol\":1}"),
                Arguments.of(new Connected(60, "0.8.0", new BigDecimal("0.80")),
                        "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"0.8.0\",\"protocol\":0.8}"),
                Arguments.of(new KeyReq(), "{\"cmd\":\"key_req\"}"),
                Arguments.of(new AuthWait(UUID, EXPIRE, "alice"),
                        "{\"cmd\":\"auth_wait\",\"uuid\":\"" + UUID + "\",\"expire\":1700000060000,\"account\":\"alice\"}"),
                Arguments.of(new AuthReq("alice", "d", "k", "t", UUID, EXPIRE),
                        "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"d\",\"uuid\":\"" + UUID
                                + "\",\"expire\":1700000060000,\"token\":\"t\",\"auth_key\":\"k\"}"),
                Arguments.of(new SignReq("alice", "d", null),
                        "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"d\"}"),
                Arguments.of(SignAck.broadcast(UUID, "abc", null).relayed(),
                        "{\"cmd\":\"sign_ack\",\"uuid\":\"" + UUID + "\",\"broadcast\":true,\"data\":\"abc\"}"),
                Arguments.of(new AuthNack(UUID, null, POK, "declined").relayed(),
                        "{\"cmd\":\"auth_nack\",\"uuid\":\"" + UUID + "\",\"error\":\"declined\"}"),
                Arguments.of(new ErrorMessage("auth_req: \"data\" is required"),
                        "{\"cmd\":\"error\",\"error\":\"auth_req: \\\"data\\\" is required\"}"),
                Arguments.of(new WaitNotice(Family.SIGN), "{\"cmd\":\"sign_wait\"}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("exactEncodings")
    void encodesCompactJsonWithCmdFirstAndAbsentFieldsOmitted(HasMessage message, String json) {
        assertThat(MessageCodec.encode(message)).isEqualTo(json);
    }
}
