package dev.hiveauth.protocol.crypto;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A registration pok from a key the relay has never seen (every registration, and every first reply after a
 * restart), one thread, so ops/s is per core. Target: 15,000 ops/s.
 *
 * <p>Each invocation takes the next of {@value #POOL} proofs made by distinct keys and, as the relay has it after
 * reading the account from the chain, a key object just parsed from its bytes: nothing remembered about an
 * earlier key can help, neither the verifier's shared-secret cache (turned off here, since a pool smaller than a
 * run would otherwise start hitting it) nor BouncyCastle's table of multiples, which it keeps on the point object.
 * The other three account keys are fixed; they are only compared, never multiplied.
 *
 * <p>{@link #neverSeenKeyPureJava} runs the same in a JVM told not to load libsecp256k1, so one JMH run
 * compares the two paths.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NeverSeenKeyBenchmark {
    private static final int POOL = 8192;
    private static final long NOW = 1_700_000_000_000L;

    private final String[] proofs = new String[POOL];
    private final byte[][] provingKeys = new byte[POOL][];
    private PublicKey memoKey;
    private PublicKey postingKey;
    private PublicKey ownerKey;
    private ProofOfKey.Verifier verifier;
    private int next;

    @Setup
    public void setUp() {
        PrivateKey server = PrivateKey.fromSeed("has server key");
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        for (int i = 0; i < POOL; i++) {
            PrivateKey active = PrivateKey.fromSeed("never seen active key " + i);
            proofs[i] = ProofOfKey.forRegistration(active, server.publicKey(), clock);
            provingKeys[i] = active.publicKey().toBytes();
        }
        memoKey = PrivateKey.fromLogin("alice", "correct horse", "memo").publicKey();
        postingKey = PrivateKey.fromLogin("alice", "correct horse", "posting").publicKey();
        ownerKey = PrivateKey.fromLogin("alice", "correct horse", "owner").publicKey();
        verifier = new ProofOfKey.Verifier(server, clock, 0);
    }

    @Benchmark
    public ProofOfKey neverSeenKey() {
        int i = next++ & (POOL - 1);
        List<PublicKey> accountKeys = List.of(memoKey, postingKey, PublicKey.fromBytes(provingKeys[i]), ownerKey);
        return verifier.verifyRegistration(proofs[i], accountKeys);
    }

    /** The fallback: BouncyCastle alone, as when the native library cannot load. */
    @Benchmark
    @Fork(jvmArgsAppend = "-Dhiveauth.crypto.native=false")
    public ProofOfKey neverSeenKeyPureJava() {
        return neverSeenKey();
    }

    /** What {@link #neverSeenKey} spends outside the verifier: decompressing the key just read from the chain. */
    @Benchmark
    public PublicKey parseProvingKey() {
        return PublicKey.fromBytes(provingKeys[next++ & (POOL - 1)]);
    }
}
