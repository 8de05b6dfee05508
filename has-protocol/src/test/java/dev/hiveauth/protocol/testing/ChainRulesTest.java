package dev.hiveauth.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.protocol.chain.ChainId;
import dev.hiveauth.protocol.chain.DynamicGlobalProperties;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.chain.Transaction;
import dev.hiveauth.protocol.chain.TransactionBuilder;
import dev.hiveauth.protocol.crypto.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chain's rules without HTTP: literal authorities, and each setting that changes what is accepted. */
class ChainRulesTest {
    private static final Operation CUSTOM_JSON_FOR_BOTH = Operation.fromJson("[\"custom_json\",{\"required_auths\":"
            + "[\"alice\"],\"required_posting_auths\":[\"bob\"],\"id\":\"game\",\"json\":\"{}\"}]");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli());

    @Test
    void aLiteralAuthorityIsSatisfiedByItsKeyOnly() {
        FakeHiveChain chain = new FakeHiveChain(clock);
        AccountKeys alice = chain.createAccount("alice");
        PrivateKey signing = PrivateKey.fromSeed("block signing key");
        Operation witness = Operation.fromJson("[\"witness_set_properties\",{\"owner\":\"alice\",\"props\":[[\"key\",\""
                + HexFormat.of().formatHex(signing.publicKey().toBytes()) + "\"]]}]");

        assertThatThrownBy(() -> chain.broadcast(sign(chain, witness, alice.active()).toJson()))
                .isInstanceOf(NodeError.class).hasMessage("missing required other authority:Missing Authority");
        assertThat(chain.broadcast(sign(chain, witness, signing).toJson()).signers()).containsExactly(signing.publicKey());
    }

    @Test
    void withoutMixedAuthoritiesPostingAndActiveCannotBeNeededTogether() {
        FakeHiveChain chain = new FakeHiveChain(clock, ChainSettings.DEFAULT.withMixedAuthorities(false));
        AccountKeys alice = chain.createAccount("alice");
        AccountKeys bob = chain.createAccount("bob");

        assertThatThrownBy(() -> chain.broadcast(sign(chain, CUSTOM_JSON_FOR_BOTH, alice.active(), bob.posting()).toJson()))
                .isInstanceOf(NodeError.class)
                .hasMessageContaining("Transactions with operations required posting authority cannot be combined");
    }

    @Test
    void withRedundantSignaturesAnExtraSignatureIsIgnored() {
        FakeHiveChain chain = new FakeHiveChain(clock, ChainSettings.DEFAULT.withRedundantSignatures(true));
        AccountKeys alice = chain.createAccount("alice");
        AccountKeys bob = chain.createAccount("bob");

        AcceptedTransaction accepted = chain.broadcast(sign(chain, vote(), alice.posting(), bob.posting()).toJson());

        assertThat(accepted.signers()).hasSize(2);
    }

    @Test
    void withStrictLevelsAnActiveKeyDoesNotSignForPosting() {
        FakeHiveChain chain = new FakeHiveChain(clock, ChainSettings.DEFAULT.withStrictAuthorityLevels(true));
        AccountKeys alice = chain.createAccount("alice");

        assertThatThrownBy(() -> chain.broadcast(sign(chain, vote(), alice.active()).toJson()))
                .hasMessage("missing required posting authority:Missing Posting Authority alice");
        assertThat(chain.broadcast(sign(chain, vote(), alice.posting()).toJson())).isNotNull();
    }

    @Test
    void aLongerMaximumExpirationAndAnotherChainIdAreHonoured() {
        ChainId testnet = ChainId.fromHex("18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e");
        FakeHiveChain chain = new FakeHiveChain(clock,
                ChainSettings.DEFAULT.withMaxExpiration(Duration.ofHours(24)).withChainId(testnet));
        AccountKeys alice = chain.createAccount("alice");
        DynamicGlobalProperties head = chain.headBlock();
        Instant twoHoursAhead = head.time().plus(Duration.ofHours(2));
        SignedTransaction forTestnet = Transaction.of(head.refBlockNum(), head.refBlockPrefix(), twoHoursAhead,
                List.of(vote())).sign(testnet, alice.posting());

        assertThat(chain.broadcast(forTestnet.toJson()).expiration()).isEqualTo(twoHoursAhead);
        // signed for mainnet, the same vote recovers to a key nobody has
        assertThatThrownBy(() -> chain.broadcast(TransactionBuilder.on(head).add(vote()).sign(alice.posting()).toJson()))
                .hasMessageStartingWith("missing required posting authority:");
    }

    @Test
    void theIrreversibleDepthDecidesWhenABlockIsIrreversible() {
        FakeHiveChain chain = new FakeHiveChain(clock, ChainSettings.DEFAULT.withIrreversibleDepth(1));
        AccountKeys alice = chain.createAccount("alice");
        AcceptedTransaction accepted = chain.broadcast(sign(chain, vote(), alice.posting()).toJson());

        chain.produceBlocks(1);
        assertThat(chain.status(accepted.id(), Optional.empty()).jsonName()).isEqualTo("within_reversible_block");
        chain.produceBlocks(1);
        assertThat(chain.status(accepted.id(), Optional.empty()).jsonName()).isEqualTo("within_irreversible_block");
    }

    private static SignedTransaction sign(FakeHiveChain chain, Operation operation, PrivateKey... keys) {
        return TransactionBuilder.on(chain.headBlock()).chainId(chain.settings().chainId()).add(operation).sign(keys);
    }

    private static Operation vote() {
        return Operation.fromJson("[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"post\",\"weight\":100}]");
    }
}
