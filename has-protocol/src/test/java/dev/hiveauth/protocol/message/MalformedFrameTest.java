package dev.hiveauth.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every class of bad frame gets a precise reason the server can send back as the {@code error}. */
class MalformedFrameTest {

    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // not a JSON object
        "``|message is empty",
        "ping|message is not valid JSON",
        "{\"cmd\":\"key_req\"|message is not valid JSON",
        "{\"cmd\":'key_req'}|message is not valid JSON",
        "[\"key_req\"]|message must be a JSON object",
        "\"key_req\"|message must be a JSON object",
        "{\"cmd\":\"key_req\"} {}|message has trailing data after the JSON value",
        "{\"cmd\":\"key_req\"}garbage|message has trailing data after the JSON value",
        "{\"cmd\":\"key_req\",\"cmd\":\"auth_req\"}|message has a duplicate key \"cmd\"",
        // the cmd
        "{}|message has no \"cmd\"",
        "{\"cmd\":null}|message has no \"cmd\"",
        "{\"cmd\":42}|\"cmd\" must be a string",
        "{\"cmd\":[\"key_req\"]}|\"cmd\" must be a string",
        "{\"cmd\":\"foo\"}|unknown cmd \"foo\"",
        "{\"cmd\":\"\"}|unknown cmd \"\"",
        "{\"cmd\":\"KEY_REQ\"}|unknown cmd \"KEY_REQ\"",
        // required fields and their types
        "{\"cmd\":\"auth_req\",\"data\":\"d\"}|auth_req: \"account\" is required",
        "{\"cmd\":\"auth_req\",\"account\":\"alice\"}|auth_req: \"data\" is required",
        "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":42}|auth_req: \"data\" must be a string",
        "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":{\"app\":\"x\"}}|auth_req: \"data\" must be a string",
        "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"d\",\"token\":7}|auth_req: \"token\" must be a string",
        "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"d\",\"auth_key\":true}|auth_req: \"auth_key\" must be a string",
        "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"d\",\"uuid\":\"u\"}|auth_req: \"expire\" is required with \"uuid\"",
        "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"d\",\"expire\":1}|sign_req: \"uuid\" is required with \"expire\"",
        "{\"cmd\":\"challenge_req\",\"account\":[],\"data\":\"d\"}|challenge_req: \"account\" must be a string",
        "{\"cmd\":\"key_ack\"}|key_ack: \"key\" is required",
        "{\"cmd\":\"register_ack\",\"account\":1}|register_ack: \"account\" must be a string",
        "{\"cmd\":\"auth_ack\",\"uuid\":\"u\"}|auth_ack: \"data\" is required",
        "{\"cmd\":\"auth_ack\",\"uuid\":\"u\",\"data\":\"d\",\"pok\":123}|auth_ack: \"pok\" must be a string",
        "{\"cmd\":\"auth_nack\"}|auth_nack: \"uuid\" is required",
        "{\"cmd\":\"auth_err\",\"uuid\":\"u\"}|auth_err: \"error\" is required",
        "{\"cmd\":\"sign_ack\",\"uuid\":\"u\"}|sign_ack: \"data\" is required",
        "{\"cmd\":\"sign_ack\",\"uuid\":\"u\",\"data\":[\"tx\"]}|sign_ack: \"data\" must be a string (txid) or an object (signed transaction)",
        "{\"cmd\":\"sign_ack\",\"uuid\":\"u\",\"data\":\"tx\",\"broadcast\":\"true\"}|sign_ack: \"broadcast\" must be a boolean",
        "{\"cmd\":\"attach_req\",\"uuid\":5}|attach_req: \"uuid\" must be a string",
        "{\"cmd\":\"error\"}|error: \"error\" is required",
        "{\"cmd\":\"error\",\"error\":\"e\",\"uuid\":1}|error: \"uuid\" must be a string",
        // numbers
        "{\"cmd\":\"auth_wait\",\"uuid\":\"u\",\"account\":\"a\"}|auth_wait: \"expire\" is required",
        "{\"cmd\":\"auth_wait\",\"uuid\":\"u\",\"expire\":\"1700000000000\",\"account\":\"a\"}|auth_wait: \"expire\" must be an integer",
        "{\"cmd\":\"auth_wait\",\"uuid\":\"u\",\"expire\":1700000000000.5,\"account\":\"a\"}|auth_wait: \"expire\" must be an integer",
        "{\"cmd\":\"auth_wait\",\"uuid\":\"u\",\"expire\":1.7e12,\"account\":\"a\"}|auth_wait: \"expire\" must be an integer",
        "{\"cmd\":\"auth_wait\",\"uuid\":\"u\",\"expire\":-1,\"account\":\"a\"}|auth_wait: \"expire\" is out of range",
        "{\"cmd\":\"auth_wait\",\"uuid\":\"u\",\"expire\":9223372036854775808,\"account\":\"a\"}|auth_wait: \"expire\" is out of range",
        "{\"cmd\":\"auth_wait\",\"uuid\":\"u\",\"expire\":1}|auth_wait: \"account\" is required",
        "{\"cmd\":\"sign_wait\",\"uuid\":7}|sign_wait: \"uuid\" must be a string",
        "{\"cmd\":\"challenge_wait\",\"uuid\":\"u\"}|challenge_wait: \"expire\" is required",
        "{\"cmd\":\"connected\",\"timeout\":-1,\"version\":\"1\",\"protocol\":1}|connected: \"timeout\" is out of range",
        "{\"cmd\":\"connected\",\"timeout\":2147483648,\"version\":\"1\",\"protocol\":1}|connected: \"timeout\" is out of range",
        "{\"cmd\":\"connected\",\"timeout\":60.5,\"version\":\"1\",\"protocol\":1}|connected: \"timeout\" must be an integer",
        "{\"cmd\":\"connected\",\"timeout\":60,\"protocol\":1}|connected: \"version\" is required",
        "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"1\",\"protocol\":\"1\"}|connected: \"protocol\" must be a number",
        "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"1\",\"protocol\":-1}|connected: \"protocol\" is out of range",
        "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"1\",\"protocol\":1e999999999}|connected: \"protocol\" is out of range",
        "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"1\",\"protocol\":1e-999999999}|connected: \"protocol\" is out of range",
        // register_req accounts
        "{\"cmd\":\"register_req\",\"accounts\":[]}|register_req: \"app\" is required",
        "{\"cmd\":\"register_req\",\"app\":\"w\"}|register_req: \"accounts\" is required",
        "{\"cmd\":\"register_req\",\"app\":\"w\",\"accounts\":{\"name\":\"alice\"}}|register_req: \"accounts\" must be an array",
        "{\"cmd\":\"register_req\",\"app\":\"w\",\"accounts\":[\"alice\"]}|register_req: \"accounts[0]\" must be an object",
        "{\"cmd\":\"register_req\",\"app\":\"w\",\"accounts\":[{\"name\":\"a\",\"pok\":\"p\"},{\"pok\":\"p\"}]}|register_req: \"accounts[1].name\" is required",
        "{\"cmd\":\"register_req\",\"app\":\"w\",\"accounts\":[{\"name\":\"alice\"}]}|register_req: \"accounts[0].pok\" is required (or the legacy \"challenge\")",
        "{\"cmd\":\"register_req\",\"app\":\"w\",\"accounts\":[{\"name\":\"alice\",\"pok\":1}]}|register_req: \"accounts[0].pok\" must be a string",
    })
    void refusesWithAPreciseReason(String frame, String reason) {
        assertThatThrownBy(() -> MessageCodec.decode(frame))
                .isInstanceOf(ProtocolException.class)
                .hasMessage(reason);
    }

    @Test
    void quotesOnlyAnExcerptOfAHugeUnknownCmd() {
        String cmd = "x".repeat(1_000_000);

        assertThatThrownBy(() -> MessageCodec.decode("{\"cmd\":\"" + cmd + "\"}"))
                .hasMessage("unknown cmd \"" + "x".repeat(32) + "…\"");
    }

    @Test
    void neverQuotesTheFrame() {
        String huge = "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":" + "1".repeat(900) + "}";

        assertThatThrownBy(() -> MessageCodec.decode(huge)).hasMessage("auth_req: \"data\" must be a string");
        assertThatThrownBy(() -> MessageCodec.decode("{\"cmd\":" + "[".repeat(100) + "]".repeat(100) + "}"))
                .hasMessage("message is nested deeper than 32 levels");
        assertThatThrownBy(() -> MessageCodec.decode("{\"cmd\":\"key_req\",\"x\":" + "9".repeat(2000) + "}"))
                .hasMessage("message has a value that is too long");
    }

    @Test
    void ignoresUnknownFieldsAnywhere() {
        assertThat(MessageCodec.decode("{\"extra\":{\"deep\":[1,2,3]},\"cmd\":\"attach_ack\",\"uuid\":\"u\",\"protocol\":0.8}"))
                .isEqualTo(new AttachAck("u"));
        assertThat(MessageCodec.decode("{\"cmd\":\"register_req\",\"app\":\"w\",\"accounts\":"
                + "[{\"name\":\"alice\",\"pok\":\"p\",\"weight\":1}]}"))
                .isEqualTo(new RegisterReq("w", List.of(RegisterReq.Account.withPok("alice", "p"))));
    }

    @Test
    void acceptsWhitespaceAroundTheObject() {
        assertThat(MessageCodec.decode("\n {\"cmd\" : \"key_req\"}\r\n")).isEqualTo(new KeyReq());
    }
}
