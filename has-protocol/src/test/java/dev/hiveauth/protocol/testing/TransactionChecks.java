package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.chain.ChainFormatException;
import dev.hiveauth.protocol.chain.ChainId;
import dev.hiveauth.protocol.chain.HiveTime;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.chain.Transaction;
import dev.hiveauth.protocol.crypto.PublicKey;
import dev.hiveauth.protocol.crypto.Signature;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks hived makes on a broadcast transaction before its authorities: that it parses and
 * validates, that it expires within the allowed window, that its TaPoS names a block of this chain, and
 * that every signature is canonical and recovers a distinct key. Each failure is the node's error.
 */
final class TransactionChecks {
    /** Half the order of secp256k1. */
    private static final BigInteger HALF_N =
            new BigInteger("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", 16);
    private TransactionChecks() {
    }

    /** Reads the transaction as hived's JSON reader and {@code validate()} would, failing with the reason. */
    static SignedTransaction parse(JsonNode json) {
        try {
            return SignedTransaction.fromJson(json);
        } catch (ChainFormatException e) {
            throw NodeError.chain(10, "assert_exception", "Assert Exception", e.getMessage());
        }
    }

    /** hived: {@code now < trx.expiration} and {@code trx.expiration <= now + HIVE_MAX_TIME_UNTIL_EXPIRATION}. */
    static void checkExpiration(Transaction transaction, BlockSchedule.Head head, Duration maxExpiration) {
        String expiration = HiveTime.format(transaction.expiration());
        String now = HiveTime.format(head.time());
        if (!transaction.expiration().isAfter(head.time())) {
            throw NodeError.chain(4030100, "transaction_expiration_exception", "transaction expiration exception",
                            "expiration time is in the past: trx.expiration " + expiration + " is not after the head"
                                    + " block time " + now)
                    .with("now", now).with("trx.exp", expiration);
        }
        if (transaction.expiration().isAfter(head.time().plus(maxExpiration))) {
            throw NodeError.chain(4030100, "transaction_expiration_exception", "transaction expiration exception",
                            "expiration time is too far in the future: trx.expiration " + expiration + " is more than "
                                    + maxExpiration.toSeconds() + " s after the head block time " + now)
                    .with("trx.expiration", expiration).with("now", now)
                    .with("max_til_exp", maxExpiration.toSeconds());
        }
    }

    /** ref_block_num must name a block of the last 65536 and ref_block_prefix match that block's id. */
    static void checkTapos(Transaction transaction, BlockSchedule.Head head) {
        long block = BlockSchedule.referencedBlock(head.number(), transaction.refBlockNum());
        // hived's summary table holds a zero id for block numbers a young chain has not reached
        long expected = block < 1 ? 0 : BlockSchedule.prefix(block);
        if (transaction.refBlockPrefix() != expected) {
            throw NodeError.chain(4030200, "transaction_tapos_exception", "transaction tapos exception",
                            "trx.ref_block_prefix " + transaction.refBlockPrefix() + " does not match block "
                                    + (block < 1 ? "(none yet)" : block) + " named by ref_block_num "
                                    + transaction.refBlockNum() + ", whose prefix is " + expected)
                    .with("trx.ref_block_prefix", transaction.refBlockPrefix())
                    .with("tapos_block_summary", expected);
        }
    }

    /**
     * The keys that signed, recovered over sha256(chain_id ‖ transaction). Like hived: a signature that is
     * not canonical (low S) or recovers no key is an error, and so is a key that signed twice.
     */
    static Set<PublicKey> signers(SignedTransaction signed, ChainId chainId) {
        byte[] digest = signed.transaction().digest(chainId);
        Set<PublicKey> signers = new LinkedHashSet<>();
        List<Signature> signatures = signed.signatures();
        for (int i = 0; i < signatures.size(); i++) {
            Signature signature = signatures.get(i);
            if (!isLowS(signature)) {
                throw NodeError.assertion("is_canonical( c, canon_type )", "signature is not canonical")
                        .with("signature", signature.toHex());
            }
            Optional<PublicKey> signer = signature.recoverPublicKey(digest);
            if (signer.isEmpty()) {
                throw NodeError.chain(10, "assert_exception", "Assert Exception",
                                "unable to reconstruct public key from signature")
                        .with("signature", signature.toHex());
            }
            if (!signers.add(signer.get())) {
                throw NodeError.chain(3060000, "tx_duplicate_sig", "duplicate signature included",
                        "Duplicate Signature detected").with("key", signer.get().toString());
            }
        }
        return signers;
    }

    /**
     * hived's canonical test since hardfork 20 (fc's bip_0062): s ≤ n/2, nothing more. The older fc_canonical
     * rule (no top bit, no leading zero byte in r and s), which {@link Signature#isCanonical()} adds and
     * hive-js and dhive retry for, is no longer enforced, so a wallet that only normalizes s is accepted.
     */
    static boolean isLowS(Signature signature) {
        byte[] compact = signature.toBytes();
        return new BigInteger(1, Arrays.copyOfRange(compact, 33, 65)).compareTo(HALF_N) <= 0;
    }
}
