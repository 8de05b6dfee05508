package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names chosen by an application cannot forge or flood log lines. */
class LogTextTest {
    @Test
    void invisibleCharactersBecomeQuestionMarks() {
        assertThat(LogText.safe("peakd.com\n2026-01-01 INFO approved everything\u202e"))
                .isEqualTo("peakd.com?2026-01-01 INFO approved everything?");
        assertThat(LogText.safe(null)).isEmpty();
    }

    @Test
    void longTextIsCut() {
        assertThat(LogText.safe("a".repeat(100))).isEqualTo("a".repeat(64) + "…");
        assertThat(LogText.safe("9b0e2dc3-f574-4766-abdd-c429dce11284")).isEqualTo("9b0e2dc3-f574-4766-abdd-c429dce11284");
    }
}
