package dev.hiveauth.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.2: a final, unmasked text frame, with the length in 7, 7+16 or 7+64 bits. */
class TextFramesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 300_000})
    void eachLengthGetsTheShortestHeaderThatHoldsIt(int length) {
        String text = "a".repeat(length);

        byte[] frame = TextFrames.frame(text);

        assertThat(frame[0]).as("FIN + text").isEqualTo((byte) 0x81);
        int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        assertThat(frame).hasSize(header + length);
        assertThat(declaredLength(frame)).isEqualTo(length);
        assertThat(frame[1] & 0x80).as("a server never masks").isZero();
        assertThat(new String(Arrays.copyOfRange(frame, header, frame.length), StandardCharsets.US_ASCII))
                .isEqualTo(text);
    }

    @ValueSource(strings = {"{\"data\":\"爱\"}", "emoji 🐝 and é", "\u0000 control"})
    @ParameterizedTest
    void thePayloadIsTheUtf8OfTheText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

        byte[] frame = TextFrames.frame(text);

        assertThat(declaredLength(frame)).isEqualTo(utf8.length);
        assertThat(Arrays.copyOfRange(frame, 2, frame.length)).isEqualTo(utf8);
    }

    private static long declaredLength(byte[] frame) {
        int seven = frame[1] & 0x7F;
        if (seven < 126) {
            return seven;
        }
        int bytes = seven == 126 ? 2 : 8;
        long length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (frame[2 + i] & 0xFF);
        }
        return length;
    }
}
