package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What reaches the log of frames: never the service auth_key; with hideEncryptedData, no payload or proof either. */
class FrameLogTest {
    private static final String AUTH_REQ =
            "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVk…\",\"auth_key\":\"U2FsdGVkX1+k…\",\"uuid\":\"u\",\"expire\":5}";

    @Test
    void theServiceAuthKeyIsNeverShown() {
        assertThat(new FrameLog(false).shown(AUTH_REQ))
                .isEqualTo("{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVk…\",\"auth_key\":\"<...>\",\"uuid\":\"u\",\"expire\":5}");
    }

    @Test
    void hideEncryptedDataHidesPayloadsProofsAndEncryptedErrors() {
        FrameLog log = new FrameLog(true);

        assertThat(log.shown(AUTH_REQ)).isEqualTo(
                "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"<...>\",\"auth_key\":\"<...>\",\"uuid\":\"u\",\"expire\":5}");
        assertThat(log.shown("{\"cmd\":\"sign_err\",\"uuid\":\"u\",\"error\":\"U2Fs…\",\"pok\":\"#abc\"}"))
                .isEqualTo("{\"cmd\":\"sign_err\",\"uuid\":\"u\",\"error\":\"<...>\",\"pok\":\"<...>\"}");
        assertThat(log.shown("{\"cmd\":\"sign_ack\",\"uuid\":\"u\",\"data\":{\"signatures\":[\"1f\"]},\"broadcast\":false}"))
                .isEqualTo("{\"cmd\":\"sign_ack\",\"uuid\":\"u\",\"data\":\"<...>\",\"broadcast\":false}");
        // a relay's own error is plain text, kept
        assertThat(log.shown("{\"cmd\":\"error\",\"error\":\"registration failed\"}")).contains("registration failed");
    }

    @Test
    void somethingThatIsNotJsonIsOnlyMeasured() {
        assertThat(new FrameLog(true).shown("ping")).isEqualTo("<4 characters, not JSON>");
        assertThat(new FrameLog(true).shown("[1]")).isEqualTo("<3 characters, not a JSON object>");
    }
}
