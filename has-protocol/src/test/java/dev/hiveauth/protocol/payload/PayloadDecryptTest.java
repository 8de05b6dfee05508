package dev.hiveauth.protocol.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.protocol.crypto.CryptoJsAes;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §10: a decrypt only counts if the result is valid UTF-8 and valid JSON. "Not for this key" is an
 * empty result; "for this key, but broken" is a PayloadException with the reason.
 */
class PayloadDecryptTest {
    static final String AUTH_KEY = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";

    @Test
    void aWrongAuthKeyNeverYieldsAPayload() {
        String ackData = new AuthAckData(1_700_086_400_000L).encrypt(AUTH_KEY);
        String challengeData = new ChallengeReqData(KeyType.POSTING, "hi", false, 1L).encrypt(AUTH_KEY);
        Random random = new Random(10);

        for (int i = 0; i < 3000; i++) {
            String wrongKey = new UUID(random.nextLong(), random.nextLong()).toString();
            assertThat(AuthAckData.decrypt(ackData, wrongKey)).isEmpty();
            assertThat(ChallengeReqData.decrypt(challengeData, wrongKey)).isEmpty();
            assertThat(NackData.confirms(ackData, "uuid", wrongKey)).isFalse();
        }
    }

    @Test
    void malformedDataIsNotForThisKeyEither() {
        assertThat(AuthReqData.decrypt("not even base64!", AUTH_KEY)).isEmpty();
        assertThat(AuthReqData.decrypt("", AUTH_KEY)).isEmpty();
        assertThat(SignReqData.decrypt("U2FsdGVkX1+hssPU5fYHGPxCA2Ugz/Xgxy7PF2N4RSc=", AUTH_KEY)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "Hello World!",
        "``",
        "{\"expire\":",
        "{\"expire\":1} trailing",
    })
    void textThatIsNotJsonIsNotForThisKey(String plaintext) {
        assertThat(AuthAckData.decrypt(CryptoJsAes.encrypt(plaintext, AUTH_KEY), AUTH_KEY)).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "AUTH_REQ|[1,2]|auth_req_data must be a JSON object",
        "AUTH_REQ|{}|auth_req_data: \"app\" is required",
        "AUTH_REQ|{\"app\":\"demo\"}|auth_req_data: \"app\" must be an object",
        "AUTH_REQ|{\"app\":{}}|auth_req_data: \"app.name\" is required",
        "AUTH_REQ|{\"app\":{\"name\":\"d\",\"icon\":7}}|auth_req_data: \"app.icon\" must be a string",
        "AUTH_REQ|{\"app\":{\"name\":\"d\"},\"challenge\":\"sign me\"}|auth_req_data: \"challenge\" must be an object",
        "AUTH_REQ|{\"app\":{\"name\":\"d\"},\"challenge\":{\"key_type\":\"owner\",\"challenge\":\"c\"}}|auth_req_data: \"challenge.key_type\" must be posting, active or memo",
        "AUTH_REQ|{\"app\":{\"name\":\"d\"},\"challenge\":{\"key_type\":\"posting\"}}|auth_req_data: \"challenge.challenge\" is required",
        "AUTH_REQ|{\"app\":{\"name\":\"d\"},\"app\":{\"name\":\"e\"}}|auth_req_data: duplicate key \"app\"",
        "AUTH_ACK|{\"token\":\"t\"}|auth_ack_data: \"expire\" is required",
        "AUTH_ACK|{\"expire\":\"tomorrow\"}|auth_ack_data: \"expire\" must be an integer",
        "AUTH_ACK|{\"expire\":-5}|auth_ack_data: \"expire\" is out of range",
        "AUTH_ACK|{\"expire\":1,\"challenge\":{\"pubkey\":\"STM1\"}}|auth_ack_data: \"challenge.challenge\" is required",
        "SIGN_REQ|{\"key_type\":\"memo\",\"ops\":[],\"broadcast\":true,\"nonce\":1}|sign_req_data: \"key_type\" must be posting or active",
        "SIGN_REQ|{\"key_type\":\"Posting\",\"ops\":[],\"broadcast\":true}|sign_req_data: \"key_type\" must be posting or active",
        "SIGN_REQ|{\"key_type\":\"posting\",\"ops\":{},\"broadcast\":true}|sign_req_data: \"ops\" must be an array",
        "SIGN_REQ|{\"key_type\":\"posting\",\"ops\":[],\"broadcast\":\"yes\"}|sign_req_data: \"broadcast\" must be a boolean",
        "SIGN_REQ|{\"key_type\":\"posting\",\"ops\":[]}|sign_req_data: \"broadcast\" is required",
        "SIGN_REQ|{\"key_type\":\"posting\",\"ops\":[],\"broadcast\":true,\"nonce\":1.5}|sign_req_data: \"nonce\" must be an integer",
        "CHALLENGE_REQ|{\"key_type\":\"posting\"}|challenge_req_data: \"challenge\" is required",
        "CHALLENGE_REQ|{\"key_type\":\"posting\",\"challenge\":\"c\",\"decrypt\":1}|challenge_req_data: \"decrypt\" must be a boolean",
        "CHALLENGE_ACK|{\"pubkey\":1,\"challenge\":\"c\"}|challenge_ack_data: \"pubkey\" must be a string",
    })
    void aPayloadThatDecryptsButIsInvalidSaysWhy(Kind kind, String json, String reason) {
        String data = CryptoJsAes.encrypt(json, AUTH_KEY);

        assertThatThrownBy(() -> kind.decrypt(data)).isInstanceOf(PayloadException.class).hasMessage(reason);
    }

    @Test
    void fromJsonSaysWhenTheTextIsNotJson() {
        assertThatThrownBy(() -> AuthAckData.fromJson("{\"expire\":")).hasMessage("auth_ack_data is not valid JSON");
        assertThatThrownBy(() -> ChallengeAckData.fromJson("")).hasMessage("challenge_ack_data is not valid JSON");
    }

    enum Kind {
        AUTH_REQ, AUTH_ACK, SIGN_REQ, CHALLENGE_REQ, CHALLENGE_ACK;

        Object decrypt(String data) {
            switch (this) {
                case AUTH_REQ:
                    return AuthReqData.decrypt(data, AUTH_KEY);
                case AUTH_ACK:
                    return AuthAckData.decrypt(data, AUTH_KEY);
                case SIGN_REQ:
                    return SignReqData.decrypt(data, AUTH_KEY);
                case CHALLENGE_REQ:
                    return ChallengeReqData.decrypt(data, AUTH_KEY);
                default:
                    return ChallengeAckData.decrypt(data, AUTH_KEY);
            }
        }
    }
}
