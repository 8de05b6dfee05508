package dev.hiveauth.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The messages as the docs show them and as deployed peers really send them (has-protocol-notes §4). */
class PeerExamplesTest {
    static final String UUID = "9b0e2dc3-f574-4766-abdd-c429dce11284";

    @Nested
    class FromTheServer {
        @Test
        void connectedOfTheDocs() {
            assertThat(MessageCodec.decode("{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"1.0.3\",\"protocol\":1}"))
                    .isEqualTo(new Connected(60, "1.0.3", BigDecimal.ONE));
        }

        @Test
        void connectedOfTheProductionServerWithItsUndocumentedFields() {
            HasMessage message = MessageCodec.decode("{\"cmd\":\"connected\",\"timeout\":60,\"ping_rate\":60000,"
                    + "\"server\":\"hive-auth.arcange.eu\",\"socketid\":\"e1a8c2\",\"version\":\"1.0.3\",\"protocol\":1}");

            assertThat(message).isEqualTo(new Connected(60, "1.0.3"));
        }

        @Test
        void connectedOfAnOldServerKeepsProtocolZeroPointEightExact() {
            Connected connected = (Connected) MessageCodec.decode(
                    "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"0.8.5\",\"protocol\":0.8}");

            assertThat(connected.protocol()).isEqualTo(new BigDecimal("0.8"));
            assertThat(connected.protocol().compareTo(Connected.PROTOCOL)).isNegative();
        }

        @Test
        void authWaitOfTheDocs() {
            assertThat(MessageCodec.decode("{\"cmd\":\"auth_wait\",\"uuid\":\"" + UUID
                    + "\",\"expire\":1700000060000,\"account\":\"arcange\"}"))
                    .isEqualTo(new AuthWait(UUID, 1_700_000_060_000L, "arcange"));
        }

        @Test
        void forwardedAuthReqWithServiceModeKeyAndToken() {
            HasMessage message = MessageCodec.decode("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+x\","
                    + "\"uuid\":\"" + UUID + "\",\"expire\":1700000060000,\"token\":\"t0k\",\"auth_key\":\"U2FsdGVkX1+k\"}");

            assertThat(message).isEqualTo(new AuthReq("alice", "U2FsdGVkX1+x", "U2FsdGVkX1+k", "t0k", UUID, 1_700_000_060_000L));
            assertThat(((Request) message).isForwarded()).isTrue();
        }

        @Test
        void thirdPartyFixturesWithProtocolOnEveryMessage() {
            assertThat(MessageCodec.decode("{\"cmd\":\"sign_wait\",\"uuid\":\"" + UUID
                    + "\",\"expire\":1700000060000,\"protocol\":0.8}"))
                    .isEqualTo(new SignWait(UUID, 1_700_000_060_000L));
        }
    }

    @Nested
    class FromApps {
        @Test
        void authReqOfHiveAuthWrapperWithTokenAndServiceModeKey() {
            // wrapper 1.0: {cmd, account, token: auth.token, data, [auth_key]}
            assertThat(MessageCodec.decode("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"token\":\"t0k\","
                    + "\"data\":\"U2FsdGVkX1+x\",\"auth_key\":\"U2FsdGVkX1+k\"}"))
                    .isEqualTo(new AuthReq("alice", "U2FsdGVkX1+x", "U2FsdGVkX1+k", "t0k", null, null));
        }

        @Test
        void authReqWithANullTokenAsJavaScriptSendsAnUnsetValue() {
            assertThat(MessageCodec.decode("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"token\":null,\"data\":\"d\"}"))
                    .isEqualTo(new AuthReq("alice", "d"));
        }

        @Test
        void signAndChallengeRequestsWithTheDeprecatedToken() {
            assertThat(MessageCodec.decode("{\"cmd\":\"sign_req\",\"account\":\"alice\",\"token\":\"t0k\",\"data\":\"d\"}"))
                    .isEqualTo(new SignReq("alice", "d", "t0k"));
            assertThat(MessageCodec.decode("{\"cmd\":\"challenge_req\",\"account\":\"alice\",\"data\":\"d\"}"))
                    .isEqualTo(new ChallengeReq("alice", "d", null));
        }

        @Test
        void attachReq() {
            assertThat(MessageCodec.decode("{\"cmd\":\"attach_req\",\"uuid\":\"" + UUID + "\"}"))
                    .isEqualTo(new AttachReq(UUID));
        }
    }

    @Nested
    class FromWallets {
        @Test
        void registerReqOfTheDocs() {
            RegisterReq message = (RegisterReq) MessageCodec.decode("{\"cmd\":\"register_req\",\"app\":\"HiveAuth Mobile\","
                    + "\"accounts\":[{\"name\":\"alice\",\"pok\":\"#pok1\"},{\"name\":\"bob\",\"pok\":\"#pok2\"}]}");

            assertThat(message.accounts()).extracting(RegisterReq.Account::name, RegisterReq.Account::proof)
                    .containsExactly(tuple("alice", "#pok1"),
                            tuple("bob", "#pok2"));
        }

        @Test
        void legacyRegisterReqOfHiveKeychainMobile() {
            RegisterReq message = (RegisterReq) MessageCodec.decode("{\"cmd\":\"register_req\",\"app\":\"Hive Keychain\","
                    + "\"accounts\":[{\"key_type\":\"memo\",\"challenge\":\"#legacy\",\"name\":\"alice\"}]}");

            assertThat(message).isEqualTo(new RegisterReq("Hive Keychain",
                    List.of(RegisterReq.Account.legacy("alice", "memo", "#legacy"))));
            assertThat(message.accounts().get(0).proof()).isEqualTo("#legacy");
            assertThat(message.accounts().get(0).isLegacy()).isTrue();
        }

        @Test
        void bareWaitsOfHiveKeychainMobileAreNotices() {
            assertThat(MessageCodec.decode("{\"cmd\":\"auth_wait\"}")).isEqualTo(new WaitNotice(Family.AUTH));
            assertThat(MessageCodec.decode("{\"cmd\":\"sign_wait\"}")).isEqualTo(new WaitNotice(Family.SIGN));
        }

        @Test
        void authAckWithPokOfTheDocsAndWithoutPokOfHiveKeychainMobile() {
            assertThat(MessageCodec.decode("{\"cmd\":\"auth_ack\",\"uuid\":\"" + UUID + "\",\"data\":\"d\",\"pok\":\"#p\"}"))
                    .isEqualTo(new AuthAck(UUID, "d", "#p"));
            assertThat(MessageCodec.decode("{\"cmd\":\"auth_ack\",\"uuid\":\"" + UUID + "\",\"data\":\"d\"}"))
                    .isEqualTo(new AuthAck(UUID, "d", null));
        }

        @Test
        void nacksOfHiveKeychainMobileWithoutData() {
            assertThat(MessageCodec.decode("{\"cmd\":\"auth_nack\",\"uuid\":\"" + UUID + "\"}"))
                    .isEqualTo(new AuthNack(UUID, null, null, null));
            assertThat(MessageCodec.decode("{\"cmd\":\"sign_nack\",\"uuid\":\"" + UUID
                    + "\",\"error\":\"Request was canceled by the user\"}"))
                    .isEqualTo(new SignNack(UUID, null, null, "Request was canceled by the user"));
        }

        @Test
        void signAckOfTheServicePksaWithoutBroadcast() {
            SignAck ack = (SignAck) MessageCodec.decode("{\"cmd\":\"sign_ack\",\"uuid\":\"" + UUID
                    + "\",\"data\":\"0123456789abcdef0123456789abcdef01234567\",\"pok\":\"#p\"}");

            assertThat(ack.broadcast()).isNull();
            assertThat(ack.txid()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
            assertThat(MessageCodec.encode(ack.relayed())).isEqualTo("{\"cmd\":\"sign_ack\",\"uuid\":\"" + UUID
                    + "\",\"data\":\"0123456789abcdef0123456789abcdef01234567\"}");
        }

        @Test
        void signAckWithASignedTransactionObject() {
            SignAck ack = (SignAck) MessageCodec.decode("{\"cmd\":\"sign_ack\",\"uuid\":\"" + UUID
                    + "\",\"data\":{\"ref_block_num\":1,\"operations\":[],\"signatures\":[\"1f\"]},\"broadcast\":false}");

            assertThat(ack.broadcast()).isFalse();
            assertThat(ack.txid()).isNull();
            assertThat(ack.data().get("signatures").get(0).asText()).isEqualTo("1f");
        }

        @Test
        void errOfTheServicePksaAndErrorOfAnyPksa() {
            assertThat(MessageCodec.decode("{\"cmd\":\"auth_err\",\"uuid\":\"" + UUID
                    + "\",\"error\":\"Failed to process authentication request\",\"pok\":\"#p\"}"))
                    .isEqualTo(new AuthErr(UUID, "Failed to process authentication request", "#p"));
            assertThat(MessageCodec.decode("{\"cmd\":\"error\",\"error\":\"unsupported HAS protocol\"}"))
                    .isEqualTo(new ErrorMessage("unsupported HAS protocol"));
        }

        @Test
        void keyReqSentOnConnect() {
            assertThat(MessageCodec.decode("{\"cmd\":\"key_req\"}")).isEqualTo(new KeyReq());
        }
    }
}
