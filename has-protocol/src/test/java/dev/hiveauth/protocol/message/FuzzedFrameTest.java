package dev.hiveauth.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever a peer sends, decoding gives a message or a ProtocolException: never another exception. */
class FuzzedFrameTest {
    private static final String ALPHABET = "{}[]\":,0123456789-.eE+ abcdefghijklmnopqrstuvwxyz_\\/nulltruefalse\u00e9\u0000";

    @Test
    void randomlyMutatedFramesDecodeOrFailWithAProtocolException() {
        List<String> frames = MessageCodecRoundTripTest.everyMessage().stream().map(MessageCodec::encode).toList();
        Random random = new Random(7);
        int decoded = 0;
        for (int i = 0; i < 30_000; i++) {
            String frame = mutate(frames.get(random.nextInt(frames.size())), random);
            HasMessage message;
            try {
                message = MessageCodec.decode(frame);
            } catch (ProtocolException e) {
                assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(200);
                continue;
            } catch (RuntimeException e) {
                fail("decoding %s threw %s", frame, e);
                return;
            }
            decoded++;
            // What decodes re-encodes to a stable frame. (Not always an equal record: a sign_ack tree's 100E0 is
            // written 100, as JSON.stringify does, and reads back as an integer node.)
            String encoded = MessageCodec.encode(message);
            assertThat(MessageCodec.encode(MessageCodec.decode(encoded))).as(frame).isEqualTo(encoded);
        }
        assertThat(decoded).as("some mutations stay valid messages").isGreaterThan(1000);
    }

    private static String mutate(String frame, Random random) {
        StringBuilder text = new StringBuilder(frame);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(3)) {
                case 0:
                    text.deleteCharAt(at);
                    break;
                case 1:
                    text.insert(at, c);
                    break;
                default:
                    text.setCharAt(at, c);
            }
        }
        return text.toString();
    }
}
