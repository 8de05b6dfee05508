package dev.hiveauth.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {
    @Test
    void shortTextIsKeptAndLongTextIsCutOnACodePointBoundary() {
        assertThat(Excerpt.of("alice")).isEqualTo("alice");
        assertThat(Excerpt.of("a".repeat(40))).isEqualTo("a".repeat(32) + "…");
        assertThat(Excerpt.of("😀".repeat(40))).isEqualTo("😀".repeat(32) + "…");
    }

    @Test
    void controlCharactersAndLoneSurrogatesCannotForgeALogLine() {
        assertThat(Excerpt.of("x\nINFO fake line")).isEqualTo("x\\u000aINFO fake line");
        assertThat(Excerpt.of("\u0000\r\u001b[31m")).isEqualTo("\\u0000\\u000d\\u001b[31m");
        assertThat(Excerpt.of("a\ud800b")).isEqualTo("a\\ud800b");
        assertThat(Excerpt.of("line\u2028sep")).isEqualTo("line\\u2028sep");
        assertThat(Excerpt.of("wörld 爱 😀")).isEqualTo("wörld 爱 😀");
    }
}
