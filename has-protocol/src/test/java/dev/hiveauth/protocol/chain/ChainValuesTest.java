package dev.hiveauth.protocol.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dates, strings, prices, account names and authorities, with the vectors of hive-crypto-notes §5. */
class ChainValuesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String packed(FieldType type, Object value) {
        ChainWriter out = new ChainWriter();
        type.pack(out, value);
        return HEX.formatHex(out.toByteArray());
    }

    private static JsonNode json(String text) {
        return JsonInput.parse(text, "test");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2017-07-15T16:51:19, 07486a59", "2000-01-01T00:00:00, 80436d38"})
    void datesAreUint32SecondsAsDhiveWritesThem(String text, String hex) {
        Instant time = HiveTime.parse(text);
        assertThat(packed(DateType.INSTANCE, time)).isEqualTo(hex);
        assertThat(HiveTime.format(time)).isEqualTo(text);
        assertThat(HiveTime.parse(text + "Z")).isEqualTo(time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2017-07-15 16:51:19", "2017-02-30T00:00:00", "2017-07-15T16:51", "2017-07-15T16:51:19.000",
            "2017-07-15T16:51:19+02:00", ""})
    void refusesOtherTimeFormats(String text) {
        assertThatThrownBy(() -> HiveTime.parse(text)).isInstanceOf(ChainFormatException.class)
                .hasMessage("\"" + text + "\" is not a time like \"2026-11-22T20:00:00\"");
    }

    @Test
    void refusesTimesOutsideUint32() {
        assertThatThrownBy(() -> HiveTime.parse("2106-02-07T06:28:16"))
                .hasMessage("2106-02-07T06:28:16 is outside the chain's range 1970-01-01T00:00:00..2106-02-07T06:28:15");
        assertThat(HiveTime.parse("2106-02-07T06:28:15").getEpochSecond()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void stringsAreVarintLengthAndUtf8() {
        // dhive serializer-tests.json
        assertThat(packed(TextType.ANY, "Hellö fröm Swäden!")).isEqualTo("1548656c6cc3b6206672c3b66d205377c3a464656e21");
        String long300 = "x".repeat(300);
        assertThat(packed(TextType.ANY, long300)).startsWith("ac02");
    }

    @Test
    void pricesPackBaseThenQuote() {
        Price price = Price.fromJson(json("{\"base\":\"1.000 HIVE\",\"quote\":\"0.523 HBD\"}"), "price");
        assertThat(packed(PriceType.INSTANCE, price))
                .isEqualTo("e80300000000000003535445454d00000b020000000000000353424400000000");
        assertThat(price.toJson()).isEqualTo(json("{\"base\":\"1.000 HIVE\",\"quote\":\"0.523 HBD\"}"));
    }

    @Test
    void pricesNeedTwoPositiveSidesInDifferentAssets() {
        assertThatThrownBy(() -> Price.fromJson(json("{\"base\":\"0.000 HIVE\",\"quote\":\"1.000 HBD\"}"), "p"))
                .hasMessage("p: both sides of a price must be positive, got 0.000 HIVE / 1.000 HBD");
        assertThatThrownBy(() -> Price.fromJson(json("{\"base\":\"1.000 HIVE\",\"quote\":\"2.000 HIVE\"}"), "p"))
                .hasMessage("p: base and quote must be different assets, both are HIVE");
        assertThatThrownBy(() -> Price.fromJson(json("{\"base\":\"1.000 HIVE\"}"), "p"))
                .hasMessage("p: missing field \"quote\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "alice", "a-b", "a--b", "hive.blog", "abc.def.ghi", "x12", "gtg", "sixteen-chars-ab"})
    void acceptsWhatHivedAccepts(String name) {
        assertThat(AccountName.isValid(name)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ab | \"ab\" is not a valid account name: it has 2 characters, an account name has 3 to 16",
            "seventeen-chars-a | \"seventeen-chars-a\" is not a valid account name: it has 17 characters, an account name has 3 to 16",
            "Alice | \"Alice\" is not a valid account name: \"Alice\" must start with a lower-case letter",
            "1abc | \"1abc\" is not a valid account name: \"1abc\" must start with a lower-case letter",
            "abc- | \"abc-\" is not a valid account name: \"abc-\" must end with a lower-case letter or a digit",
            "ab.cde | \"ab.cde\" is not a valid account name: each dot-separated part needs at least 3 characters, \"ab\" has 2",
            "abc. | \"abc.\" is not a valid account name: each dot-separated part needs at least 3 characters, \"\" has 0",
            "a_bc | \"a_bc\" is not a valid account name: '_' is not allowed (only lower-case letters, digits, hyphens and dots)",
            "alIce | \"alIce\" is not a valid account name: 'I' is not allowed (only lower-case letters, digits, hyphens and dots)",
    })
    void explainsWhyANameIsInvalid(String name, String message) {
        assertThat(AccountName.problem(name)).contains(message);
        assertThatThrownBy(() -> AccountName.requireValid(name)).isInstanceOf(ChainFormatException.class).hasMessage(message);
    }

    @Test
    void authoritiesSortTheirMembersAsTheChainDoes() {
        PublicKey high = PublicKey.fromString("STM8QykigLRi9ZUcNy1iXGY3KjRuCiLM8Ga49LHti1F8hgawKFc3K"); // 03d051…
        PublicKey low = PublicKey.fromString("STM5832HKCJzs6K3rRCsZ1PidTKgjF38ZJb718Y3pCW92HEMsCGPf"); // 021ec2…
        Authority authority = Authority.fromJson(json("{\"weight_threshold\":2,"
                + "\"account_auths\":[[\"zed\",1],[\"abc\",1],[\"abc.def\",3]],"
                + "\"key_auths\":[[\"" + high + "\",1],[\"" + low + "\",2]]}"));
        assertThat(authority.accountAuths().keySet()).containsExactly("abc", "abc.def", "zed");
        assertThat(authority.keyAuths().keySet()).containsExactly(low, high);
        assertThat(authority.keyWeight(List.of(low, high))).isEqualTo(3);
        assertThat(authority.toJson()).isEqualTo(json("{\"weight_threshold\":2,"
                + "\"account_auths\":[[\"abc\",1],[\"abc.def\",3],[\"zed\",1]],"
                + "\"key_auths\":[[\"" + low + "\",2],[\"" + high + "\",1]]}"));
        assertThat(packed(AuthorityType.INSTANCE, authority)).isEqualTo("02000000" + "03"
                + "03616263" + "0100" + "076162632e646566" + "0300" + "037a6564" + "0100" + "02"
                + HEX.formatHex(low.toBytes()) + "0200" + HEX.formatHex(high.toBytes()) + "0100");
    }

    @Test
    void authorityErrorsNameTheMember() {
        assertThatThrownBy(() -> Authority.fromJson(json("{\"weight_threshold\":1,\"account_auths\":[[\"bob\",1],[\"bob\",2]],"
                + "\"key_auths\":[]}"))).hasMessage("authority.account_auths[1][0]: \"bob\" appears twice");
        assertThatThrownBy(() -> Authority.fromJson(json("{\"weight_threshold\":1,\"account_auths\":[[\"bob\",65536]],"
                + "\"key_auths\":[]}"))).hasMessage("authority.account_auths[0][1]: 65536 is out of range 0..65535");
        assertThatThrownBy(() -> Authority.fromJson(json("{\"weight_threshold\":1,\"account_auths\":[],"
                + "\"key_auths\":[[\"STM5832HKCJzs6K3rRCsZ1PidTKgjF38ZJb718Y3pCW92HEMsCGPg\",1]]}")))
                .hasMessage("authority.key_auths[0][0]: \"STM5832HKCJzs6K3rRCsZ1PidTKgjF38ZJb718Y3pCW92HEMsCGPg\""
                        + " is not a public key: the public key is mistyped: its checksum does not match");
        assertThatThrownBy(() -> Authority.fromJson(json("{\"weight_threshold\":-1,\"account_auths\":[],\"key_auths\":[]}")))
                .hasMessage("authority.weight_threshold: -1 is out of range 0..4294967295");
        assertThatThrownBy(() -> Authority.fromJson(json("{\"weight_threshold\":1,\"account_auths\":[[\"bob\"]],\"key_auths\":[]}")))
                .hasMessage("authority.account_auths[0]: expected a [name, weight] pair, got [\"bob\"]");
    }

    @Test
    void anAuthorityHasAtMostFortyMembers() {
        Map<String, Integer> accounts = new java.util.HashMap<>();
        for (int i = 0; i < 41; i++) {
            accounts.put("acc" + i, 1);
        }
        assertThatThrownBy(() -> Authority.of(1, accounts, Map.of()))
                .hasMessage("authority: 41 members, an authority may have at most 40");
    }

    @Test
    void theNullKeyIsAPublicKeyLikeAnyOther() {
        Object key = PublicKeyType.INSTANCE.fromJson(json("\"STM1111111111111111111111111111111114T1Anm\""), "memo_key");
        assertThat(key).isEqualTo(PublicKey.NULL);
        assertThat(packed(PublicKeyType.INSTANCE, key)).isEqualTo("00".repeat(33));
    }

    @Test
    void hexBytesAreCaseInsensitiveOnInputAndLowerCaseOnOutput() {
        assertThat(HexBytes.fromHex("DEADbeef").toHex()).isEqualTo("deadbeef");
        assertThatThrownBy(() -> HexBytes.fromHex("abc")).hasMessage("expected hex bytes, got \"abc\" (odd length)");
        assertThatThrownBy(() -> HexBytes.fromHex("zz")).hasMessage("expected hex bytes, got \"zz\"");
    }

    @Test
    void chainIdsAreThirtyTwoBytes() {
        assertThat(ChainId.MAINNET).hasToString("beeab0de" + "00".repeat(28));
        assertThatThrownBy(() -> ChainId.fromHex("beeab0de")).hasMessage("chain id must be 32 bytes, got 4");
    }
}
