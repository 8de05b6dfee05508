package dev.hiveauth.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.protocol.chain.ChainId;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.chain.Transaction;
import dev.hiveauth.protocol.chain.TransactionBuilder;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.Signature;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.Test;

/**
 * Since hardfork 20 hived only wants s ≤ n/2; the older rule on r's and s's leading bytes, which hive-js
 * and dhive retry for, is not checked. A wallet signing with plain ECDSA plus low-S is accepted.
 */
class LowSSignatureTest {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

    @Test
    void aLowSSignatureWithAHighBitInRIsAccepted() {
        FakeHiveChain chain = new FakeHiveChain(new MutableClock(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli()));
        AccountKeys alice = chain.createAccount("alice");
        Transaction vote = TransactionBuilder.on(chain.headBlock()).add(Operation.fromJson(
                "[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"post\",\"weight\":100}]")).build();
        Signature plain = plainLowS(vote.digest(ChainId.MAINNET), alice.posting());

        AcceptedTransaction accepted = chain.broadcast(SignedTransaction.of(vote, List.of(plain)).toJson());

        assertThat(plain.isCanonical()).as("hive-js would have retried this one").isFalse();
        assertThat(accepted.signers()).containsExactly(alice.posting().publicKey());
    }

    @Test
    void recoverSignersWantsLowSOnlyAsTheChainDoes() {
        FakeHiveChain chain = new FakeHiveChain(new MutableClock(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli()));
        AccountKeys alice = chain.createAccount("alice");
        Transaction vote = TransactionBuilder.on(chain.headBlock()).add(Operation.fromJson(
                "[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"post\",\"weight\":100}]")).build();
        Signature plain = plainLowS(vote.digest(ChainId.MAINNET), alice.posting());
        assertThat(SignedTransaction.of(vote, List.of(plain)).recoverSigners(ChainId.MAINNET))
                .containsExactly(alice.posting().publicKey());

        byte[] high = plain.toBytes(); // the same signature with s replaced by n − s: valid ECDSA, refused by the chain
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(high, 33, 65));
        put32(DOMAIN.getN().subtract(s), high, 33);
        high[0] = (byte) (31 + ((high[0] - 31) ^ 1));
        Signature highS = Signature.fromBytes(high);
        assertThat(highS.isLowS()).isFalse();
        assertThatThrownBy(() -> SignedTransaction.of(vote, List.of(highS)).recoverSigners(ChainId.MAINNET))
                .hasMessageContaining("signature is not canonical");
    }

    /** Random-nonce ECDSA, s made low, until r has its top bit set; the recovery id found by trying each. */
    private static Signature plainLowS(byte[] digest, PrivateKey key) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, key.toBytes()), DOMAIN));
        while (true) {
            BigInteger[] rs = signer.generateSignature(digest);
            BigInteger s = rs[1].compareTo(DOMAIN.getN().shiftRight(1)) > 0 ? DOMAIN.getN().subtract(rs[1]) : rs[1];
            if (rs[0].bitLength() < 256) {
                continue;
            }
            for (int recoveryId = 0; recoveryId < 4; recoveryId++) {
                byte[] compact = new byte[65];
                compact[0] = (byte) (31 + recoveryId);
                put32(rs[0], compact, 1);
                put32(s, compact, 33);
                Signature signature = Signature.fromBytes(compact);
                if (signature.recoverPublicKey(digest).equals(Optional.of(key.publicKey()))) {
                    return signature;
                }
            }
        }
    }

    private static void put32(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, into, offset + 32 - length, length);
    }
}
