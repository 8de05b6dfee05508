package dev.hiveauth.protocol.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AuthPayloadTest {
    static final String DOCS_URI = "has://auth_req/eyJhY2NvdW50IjoiYXJjYW5nZSIsInV1aWQiOiI5YjBlMmRjMy1mNTc0LTQ3NjYtYWJkZC1j"
            + "NDI5ZGNlMTEyODQiLCJrZXkiOiIwM2Y2MzQ2OS01YTM1LTQ3Y2ItYTZiNC1lOGM0ZDMxNDRjZjkiLCJob3N0Ijoid3NzOi8vaGFzLmhp"
            + "dmVhdXRoLmNvbSJ9";
    static final AuthPayload DOCS_PAYLOAD = new AuthPayload("arcange", "9b0e2dc3-f574-4766-abdd-c429dce11284",
            "03f63469-5a35-47cb-a6b4-e8c4d3144cf9", "wss://has.hiveauth.com");

    static List<JsonNode> vectors() {
        return Vectors.cases("auth-payload.json");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void buildsTheUriOfEachVectorByteForByte(JsonNode vector) {
        assertThat(payloadOf(vector.get("payload")).toUri()).isEqualTo(vector.get("uri").asText());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void parsesTheUriOfEachVector(JsonNode vector) {
        assertThat(AuthPayload.parse(vector.get("uri").asText())).isEqualTo(payloadOf(vector.get("payload")));
    }

    @Test
    void matchesTheWorkedExampleOfTheDocs() {
        assertThat(DOCS_PAYLOAD.toUri()).isEqualTo(DOCS_URI);
        assertThat(AuthPayload.parse(DOCS_URI)).isEqualTo(DOCS_PAYLOAD);
        assertThat(DOCS_PAYLOAD.toJson()).isEqualTo("{\"account\":\"arcange\",\"uuid\":\"9b0e2dc3-f574-4766-abdd-"
                + "c429dce11284\",\"key\":\"03f63469-5a35-47cb-a6b4-e8c4d3144cf9\",\"host\":\"wss://has.hiveauth.com\"}");
    }

    @Test
    void toleratesWhatScannersAndLinkHandlersAdd() {
        assertThat(AuthPayload.parse("  " + DOCS_URI + "\n")).isEqualTo(DOCS_PAYLOAD);
        assertThat(AuthPayload.parse(DOCS_URI + "/")).isEqualTo(DOCS_PAYLOAD);
        JsonNode vector = vectors().get(0);
        String padded = vector.get("uri").asText();
        assertThat(padded).endsWith("==");
        assertThat(AuthPayload.parse(padded.replace("=", ""))).isEqualTo(payloadOf(vector.get("payload")));
        assertThat(AuthPayload.parse(padded.replace("=", "") + "/")).isEqualTo(payloadOf(vector.get("payload")));
    }

    @Test
    void ignoresExtraFieldsAndAcceptsAnyKeyOrder() {
        String json = "{\"host\":\"ws://h\",\"key\":\"k\",\"uuid\":\"u\",\"account\":\"bob\",\"v\":2}";

        assertThat(AuthPayload.parse(uriOf(json))).isEqualTo(new AuthPayload("bob", "u", "k", "ws://h"));
    }

    @Test
    void writesWhateverTheStringsHoldExactlyAsJsonStringify() {
        AuthPayload payload = new AuthPayload("bob", "u\"1\\", "ké😀\u0001", "wss://h/");

        assertThat(payload.toJson()).isEqualTo("{\"account\":\"bob\",\"uuid\":\"u\\\"1\\\\\",\"key\":\"ké😀\\u0001\","
                + "\"host\":\"wss://h/\"}");
        assertThat(AuthPayload.parse(payload.toUri())).isEqualTo(payload);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``|not a has://auth_req/ URI",
        "https://example.org/|not a has://auth_req/ URI",
        "has://auth/eyJ9|not a has://auth_req/ URI",
        "HAS://AUTH_REQ/eyJ9|not a has://auth_req/ URI",
        "has://auth_req/|payload is empty",
        "has://auth_req/!!!!|payload is not Base64",
        "has://auth_req/eyJh Y2Nv|payload is not Base64",
        "has://auth_req/_-_-|payload is not Base64",
        "has://auth_req/aGVsbG8=|payload is not JSON",
        "has://auth_req/WzEsMl0=|payload must be a JSON object",
        "has://auth_req///79|payload is not UTF-8 text",
    })
    void refusesWhatIsNotAPayload(String uri, String reason) {
        assertThatThrownBy(() -> AuthPayload.parse(uri)).isInstanceOf(PayloadException.class).hasMessage(reason);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"uuid\":\"u\",\"key\":\"k\",\"host\":\"h\"}|payload: \"account\" is required",
        "{\"account\":\"a\",\"key\":\"k\",\"host\":\"h\"}|payload: \"uuid\" is required",
        "{\"account\":\"a\",\"uuid\":\"u\",\"host\":\"h\"}|payload: \"key\" is required",
        "{\"account\":\"a\",\"uuid\":\"u\",\"key\":\"k\"}|payload: \"host\" is required",
        "{\"account\":\"a\",\"uuid\":1,\"key\":\"k\",\"host\":\"h\"}|payload: \"uuid\" must be a string",
        "{\"account\":\"a\",\"account\":\"b\",\"uuid\":\"u\",\"key\":\"k\",\"host\":\"h\"}|payload: duplicate key \"account\"",
    })
    void refusesAPayloadWithMissingOrWrongFields(String json, String reason) {
        assertThatThrownBy(() -> AuthPayload.parse(uriOf(json))).isInstanceOf(PayloadException.class).hasMessage(reason);
    }

    private static AuthPayload payloadOf(JsonNode payload) {
        return new AuthPayload(payload.get("account").asText(), payload.get("uuid").asText(),
                payload.get("key").asText(), payload.get("host").asText());
    }

    private static String uriOf(String json) {
        return AuthPayload.PREFIX + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void toStringNeverShowsTheAuthKey() {
        AuthPayload payload = new AuthPayload("alice", "9b0e2dc3-f574-4766-abdd-c429dce11284",
                "03f63469-5a35-47cb-a6b4-e8c4d3144cf9", "wss://has.example");
        assertThat(payload.toString()).contains("alice", "9b0e2dc3-f574-4766-abdd-c429dce11284")
                .doesNotContain("03f63469-5a35-47cb-a6b4-e8c4d3144cf9");
    }
}
