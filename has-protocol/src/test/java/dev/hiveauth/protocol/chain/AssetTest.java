package dev.hiveauth.protocol.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssetTest {
    private static String packed(Asset asset) {
        ChainWriter out = new ChainWriter();
        asset.pack(out);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // dhive serializer-tests.json, via hive-crypto-notes §5.3
            "10.000 HIVE, 102700000000000003535445454d0000",
            "123456.789000 VESTS, 081a99be1c0000000656455354530000",
            "-100.333 HBD, 1378feffffffffff0353424400000000",
    })
    void packsAsDhiveDoesWithTheSteemNames(String text, String hex) {
        Asset asset = Asset.parse(text);
        assertThat(packed(asset)).isEqualTo(hex);
        assertThat(Asset.unpack(new ChainReader(HexFormat.of().parseHex(hex)), "asset")).isEqualTo(asset);
        assertThat(asset).hasToString(text);
    }

    @Test
    void readsTheLegacyNamesAndWritesTheCurrentOnes() {
        assertThat(Asset.parse("1.000 STEEM")).isEqualTo(Asset.of(1000, AssetSymbol.HIVE)).hasToString("1.000 HIVE");
        assertThat(Asset.parse("0.523 SBD")).isEqualTo(Asset.of(523, AssetSymbol.HBD)).hasToString("0.523 HBD");
    }

    @Test
    void keepsEverySatoshiExactly() {
        Asset big = Asset.parse("9223372036854775.807 HIVE");
        assertThat(big.amount()).isEqualTo(Long.MAX_VALUE);
        assertThat(big.toBigDecimal()).isEqualByComparingTo(new BigDecimal("9223372036854775.807"));
        assertThat(Asset.parse("-0.001 HBD")).hasToString("-0.001 HBD");
        assertThat(Asset.parse("0.000001 VESTS").amount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1.0000 HIVE | \"1.0000 HIVE\" has 4 decimals, HIVE takes 3",
            "1 HIVE | \"1 HIVE\" has 0 decimals, HIVE takes 3",
            "1.000 VESTS | \"1.000 VESTS\" has 3 decimals, VESTS takes 6",
            "1.000 BTC | unknown asset symbol \"BTC\" in \"1.000 BTC\" (expected HIVE, HBD or VESTS)",
            "1.000 hive | unknown asset symbol \"hive\" in \"1.000 hive\" (expected HIVE, HBD or VESTS)",
            "1.000HIVE | \"1.000HIVE\" is not an amount like \"1.000 HIVE\"",
            "+1.000 HIVE | \"+1.000 HIVE\" is not an amount like \"1.000 HIVE\"",
            "1,000 HIVE | \"1,000 HIVE\" is not an amount like \"1.000 HIVE\"",
            "9223372036854775.808 HIVE | \"9223372036854775.808 HIVE\" does not fit in a 64-bit amount",
    })
    void refusesWhatIsNotExactlyAnAmount(String text, String message) {
        assertThatThrownBy(() -> Asset.parse(text)).isInstanceOf(ChainFormatException.class).hasMessage(message);
    }

    @Test
    void refusesABinarySymbolWithTheWrongPrecision() {
        byte[] bytes = HexFormat.of().parseHex("e803000000000000" + "04" + "535445454d0000");
        assertThatThrownBy(() -> Asset.unpack(new ChainReader(bytes), "fee"))
                .hasMessage("fee: STEEM with precision 4, expected 3");
    }
}
