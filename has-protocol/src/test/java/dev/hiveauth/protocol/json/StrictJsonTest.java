package dev.hiveauth.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

    @Test
    void readsAnObjectKeepingNumbersExact() {
        ObjectNode object = StrictJson.parseObject(
                " {\"a\":1,\"b\":1700000000000,\"c\":123456789012345678901234567890,\"d\":0.8,\"e\":[true,null,\"x\"]} ");

        assertThat(object.get("a").intValue()).isEqualTo(1);
        assertThat(object.get("b").longValue()).isEqualTo(1_700_000_000_000L);
        assertThat(object.get("c").bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(object.get("d").decimalValue()).isEqualTo(new BigDecimal("0.8"));
        assertThat(object.get("e").toString()).isEqualTo("[true,null,\"x\"]");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "''|EMPTY",
        "'   '|EMPTY",
        "ping|SYNTAX",
        "{\"a\":|SYNTAX",
        "{'a':1}|SYNTAX",
        "{\"a\":01}|SYNTAX",
        "{\"a\":NaN}|SYNTAX",
        "{\"a\":1,}|SYNTAX",
        "{\"a\":1}/* comment */|TRAILING_DATA",
        "{\"a\":1}{\"b\":2}|TRAILING_DATA",
        "{\"a\":1} x|TRAILING_DATA",
        "[1,2]|NOT_OBJECT",
        "\"text\"|NOT_OBJECT",
        "42|NOT_OBJECT",
        "{\"a\":1,\"a\":2}|DUPLICATE_KEY",
        "{\"o\":{\"k\":1,\"k\":1}}|DUPLICATE_KEY",
    })
    void refusesWithThePreciseKind(String text, MalformedJsonException.Kind kind) {
        assertThatThrownBy(() -> StrictJson.parseObject(text))
                .isInstanceOfSatisfying(MalformedJsonException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @Test
    void limitsNestingDepth() {
        String allowed = "{\"a\":" + "[".repeat(StrictJson.MAX_DEPTH - 1) + "]".repeat(StrictJson.MAX_DEPTH - 1) + "}";
        String tooDeep = "{\"a\":" + "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH) + "}";

        assertThat(StrictJson.parseObject(allowed)).isNotNull();
        assertThatThrownBy(() -> StrictJson.parseObject(tooDeep))
                .isInstanceOfSatisfying(MalformedJsonException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedJsonException.Kind.TOO_DEEP))
                .hasMessage("nested deeper than 32 levels");
        // Deep enough to overflow a naive recursive parser: refused at level 33, long before.
        assertThatThrownBy(() -> StrictJson.parseObject("{\"a\":" + "[".repeat(100_000)))
                .isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void quotesOnlyAnExcerptOfADuplicateKey() {
        String longKey = "k".repeat(10_000);

        assertThatThrownBy(() -> StrictJson.parseObject("{\"" + longKey + "\":1,\"" + longKey + "\":2}"))
                .hasMessage("duplicate key \"" + "k".repeat(32) + "…\"");
    }

    @Test
    void refusesNumbersLongerThanTheParserLimit() {
        assertThatThrownBy(() -> StrictJson.parseObject("{\"a\":" + "9".repeat(5000) + "}"))
                .isInstanceOfSatisfying(MalformedJsonException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedJsonException.Kind.TOO_LONG));
    }
}
