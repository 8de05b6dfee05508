package dev.hiveauth.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesCompactJsonInOrder() {
        String json = new JsonWriter().beginObject()
                .field("cmd", "connected")
                .field("timeout", 60)
                .optionalField("absent", (String) null)
                .name("protocol").value(new BigDecimal("1.0"))
                .name("list").beginArray().value(1).value("two").beginObject().endObject().endArray()
                .optionalField("flag", Boolean.FALSE)
                .endObject()
                .toString();

        assertThat(json).isEqualTo("{\"cmd\":\"connected\",\"timeout\":60,\"protocol\":1,\"list\":[1,\"two\",{}],\"flag\":false}");
    }

    /** Expected strings are what node prints for JSON.stringify of the same JavaScript string. */
    @Test
    void escapesStringsExactlyLikeJsonStringify() {
        assertThat(quoted("quote \" backslash \\ slash /")).isEqualTo("\"quote \\\" backslash \\\\ slash /\"");
        assertThat(quoted("\b\t\n\f\r")).isEqualTo("\"\\b\\t\\n\\f\\r\"");
        assertThat(quoted("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\u007f\"");
        assertThat(quoted("é 爱 😀 \u2028")).isEqualTo("\"é 爱 😀 \u2028\"");
        assertThat(quoted("lone \uD800 and \uDC00")).isEqualTo("\"lone \\ud800 and \\udc00\"");
        assertThat(quoted("reversed \uDE00\uD83D")).isEqualTo("\"reversed \\ude00\\ud83d\"");
    }

    /** Random strings mixing plain runs, escapes, pairs and lone surrogates read back as themselves. */
    @Test
    void randomStringsReadBackUnchanged() throws Exception {
        Random random = new Random(20261202);
        char[] pieces = {'a', 'Z', '"', '\\', '\n', '\u0001', '\u007f', 'é', '\u2028', '\uD83D', '\uDE00', '/'};
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(40); length > 0; length--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String original = text.toString();
            String written = quoted(original);
            assertThat(loneSurrogates(written)).as("JSON.stringify escapes lone surrogates: " + written).isZero();
            String back = mapper.readValue(written, String.class);
            assertThat(back).as(written).isEqualTo(original);
        }
    }

    private static int loneSurrogates(String text) {
        int lone = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                lone++;
            }
        }
        return lone;
    }

    @Test
    void writesNumbersWithoutExponentOrTrailingZeros() {
        assertThat(new JsonWriter().value(new BigDecimal("0.80")).toString()).isEqualTo("0.8");
        assertThat(new JsonWriter().value(new BigDecimal("1E+1")).toString()).isEqualTo("10");
        assertThat(new JsonWriter().value(new BigDecimal("0.000")).toString()).isEqualTo("0");
    }

    @Test
    void writesParsedTreesBackUnchanged() {
        String json = "{\"ref_block_num\":1,\"big\":123456789012345678901234567890,\"f\":1.5,"
                + "\"operations\":[[\"vote\",{\"voter\":\"alice\",\"weight\":-10000}]],\"n\":null,\"t\":true}";

        assertThat(new JsonWriter().value(StrictJson.parseObject(json)).toString()).isEqualTo(json);
    }

    private static String quoted(String text) {
        return new JsonWriter().value(text).toString();
    }
}
