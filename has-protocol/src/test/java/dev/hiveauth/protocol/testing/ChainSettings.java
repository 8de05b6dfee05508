package dev.hiveauth.protocol.testing;

import dev.hiveauth.protocol.chain.ChainId;
import dev.hiveauth.protocol.chain.TransactionBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FakeHiveChain} behaves where hived's behaviour depends on the hardfork or the node:
 * the chain id, the block it starts at, how far ahead a transaction may expire, and the authority rules.
 *
 * <p>The defaults are the rules the HiveAuth roles are tested against: an owner key stands in for active
 * and posting and an active key for posting; one transaction may need posting and active authorities
 * together (hardfork 28); a signature no authority needed is refused ("irrelevant signature included",
 * as hived did before hardfork 28); expiration at most one hour after the head block time.
 *
 * @param chainId               the chain whose id every signature covers
 * @param firstBlock            the head block number when the chain is created (mainnet is past 90 million)
 * @param maxExpiration         HIVE_MAX_TIME_UNTIL_EXPIRATION
 * @param mixedAuthorities      whether posting and active/owner authorities may be needed in one transaction
 * @param redundantSignatures   whether signatures no authority used are tolerated
 * @param strictAuthorityLevels whether each level must be satisfied by its own authority (no owner for active…)
 * @param irreversibleDepth     how many blocks behind the head the last irreversible block is
 */
public record ChainSettings(ChainId chainId, long firstBlock, Duration maxExpiration, boolean mixedAuthorities,
                            boolean redundantSignatures, boolean strictAuthorityLevels, int irreversibleDepth) {
    public static final ChainSettings DEFAULT = new ChainSettings(ChainId.MAINNET, 90_000_000L,
            TransactionBuilder.MAX_EXPIRATION, true, false, false, 20);

    public ChainSettings {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(maxExpiration, "maxExpiration");
        if (firstBlock < 1 || firstBlock > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("firstBlock must be 1..4294967295, got " + firstBlock);
        }
        if (irreversibleDepth < 0) {
            throw new IllegalArgumentException("irreversibleDepth must not be negative, got " + irreversibleDepth);
        }
    }

    public ChainSettings withChainId(ChainId id) {
        return new ChainSettings(id, firstBlock, maxExpiration, mixedAuthorities, redundantSignatures,
                strictAuthorityLevels, irreversibleDepth);
    }

    public ChainSettings withFirstBlock(long number) {
        return new ChainSettings(chainId, number, maxExpiration, mixedAuthorities, redundantSignatures,
                strictAuthorityLevels, irreversibleDepth);
    }

    public ChainSettings withMaxExpiration(Duration max) {
        return new ChainSettings(chainId, firstBlock, max, mixedAuthorities, redundantSignatures,
                strictAuthorityLevels, irreversibleDepth);
    }

    public ChainSettings withMixedAuthorities(boolean allowed) {
        return new ChainSettings(chainId, firstBlock, maxExpiration, allowed, redundantSignatures,
                strictAuthorityLevels, irreversibleDepth);
    }

    public ChainSettings withRedundantSignatures(boolean allowed) {
        return new ChainSettings(chainId, firstBlock, maxExpiration, mixedAuthorities, allowed,
                strictAuthorityLevels, irreversibleDepth);
    }

    public ChainSettings withStrictAuthorityLevels(boolean strict) {
        return new ChainSettings(chainId, firstBlock, maxExpiration, mixedAuthorities, redundantSignatures,
                strict, irreversibleDepth);
    }

    public ChainSettings withIrreversibleDepth(int depth) {
        return new ChainSettings(chainId, firstBlock, maxExpiration, mixedAuthorities, redundantSignatures,
                strictAuthorityLevels, depth);
    }
}
