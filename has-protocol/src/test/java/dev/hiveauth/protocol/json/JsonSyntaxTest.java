package dev.hiveauth.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

/** The usual mistakes in a hand-written JSON file, said in words, with where, and never quoting the text. */
class JsonSyntaxTest {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    private static String problem(String text) {
        return JsonSyntax.describe(catchThrowableOfType(JsonProcessingException.class, () -> JSON.readTree(text)));
    }

    @Test
    void theCommonMistakesAreNamed() {
        assertThat(problem("{\n  \"a\": 1,\n}")).isEqualTo("line 3, column 1: unexpected '}' where a field name in "
                + "double quotes should be (a comma too many, or single quotes?)");
        assertThat(problem("{'a': 1}")).startsWith("line 1, column 2: unexpected ''' where a field name in double quotes");
        assertThat(problem("{\"a\": 1 \"b\": 2}")).endsWith("where a comma should be");
        assertThat(problem("{\"a\": [1, 2}")).contains("a closing bracket or brace that matches nothing opened");
        assertThat(problem("{\"a\": [1, 2")).contains("the text ends too early");
        assertThat(problem("{\"a\": 1, \"a\": 2}")).contains("a field appears twice");
    }

    @Test
    void aWordThatIsNotJsonIsNeverQuoted_itMayBeASecret() {
        assertThat(problem("{\"auth_req_secret\": my-secret-value}"))
                .isEqualTo("line 1, column 21: a word that is not JSON (text needs double quotes; only true, false and "
                        + "null go without)")
                .doesNotContain("my-secret");
    }
}
