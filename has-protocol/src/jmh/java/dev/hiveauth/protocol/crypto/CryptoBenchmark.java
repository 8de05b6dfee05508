package dev.hiveauth.protocol.crypto;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the crypto a HAS server and a PKSA run per message, one thread (= one warm core).
 * Run apart from the tests: {@code mvn -B -Pbench -pl has-protocol verify -DskipTests}
 * (shorter: {@code -Djmh.args="-f1 -wi 2 -w 1s -i 3 -r 1s"}); results in target/jmh-result.json.
 * A pok from a key the relay has not seen yet is {@link NeverSeenKeyBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoBenchmark {
    private static final String CHALLENGE = "challenge-1700000000000";
    private static final long NOW = 1_700_000_000_000L;

    private PrivateKey posting;
    private Signature signature;

    private PrivateKey server;
    private PrivateKey active;
    private String memo;

    private static final String REQUEST_UUID = "0b5e3a8c-6f2d-4d1a-9a7e-5c4b3f2e1d0a";
    private static final String AUTH_KEY = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
    private static final String PAYLOAD = "{\"app\":{\"name\":\"demo\",\"description\":\"A demo app\"},"
            + "\"challenge\":{\"key_type\":\"posting\",\"challenge\":\"{\\\"login\\\":\\\"2026-11-22T20:00:00\\\"}\"}}";
    private String encryptedPayload;

    private List<PublicKey> accountKeys;
    private String registrationPok;
    private String replyPok;
    private ProofOfKey.Verifier verifier;

    @Setup
    public void setUp() {
        posting = PrivateKey.fromLogin("alice", "correct horse", "posting");
        active = PrivateKey.fromLogin("alice", "correct horse", "active");
        signature = posting.sign(CHALLENGE);

        server = PrivateKey.fromSeed("has server key");
        memo = Memo.encode(active, server.publicKey(), "#" + NOW, 42);

        // as a server sees it: the account's memo, posting, active and owner keys; the proof made with active
        accountKeys = List.of(
                PrivateKey.fromLogin("alice", "correct horse", "memo").publicKey(),
                posting.publicKey(), active.publicKey(),
                PrivateKey.fromLogin("alice", "correct horse", "owner").publicKey());
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        registrationPok = ProofOfKey.forRegistration(active, server.publicKey(), clock);
        replyPok = ProofOfKey.forReply(active, server.publicKey(), REQUEST_UUID);
        verifier = new ProofOfKey.Verifier(server, clock);
        encryptedPayload = CryptoJsAes.encrypt(PAYLOAD, AUTH_KEY);
    }

    @Benchmark
    public Signature sign() {
        return posting.sign(CHALLENGE);
    }

    @Benchmark
    public boolean verify() {
        return signature.verify(CHALLENGE, posting.publicKey());
    }

    @Benchmark
    public Optional<PublicKey> recover() {
        return signature.recoverPublicKey(CHALLENGE);
    }

    @Benchmark
    public String memoEncode() {
        return Memo.encode(active, server.publicKey(), "#" + NOW, 42);
    }

    @Benchmark
    public String memoDecode() {
        return Memo.decode(server, memo);
    }

    /** The steady state: an account key the server has seen before (its shared secret is cached). */
    @Benchmark
    public ProofOfKey pokVerifyRegistration() {
        return verifier.verifyRegistration(registrationPok, accountKeys);
    }

    /** What the relay checks on every answer in strict mode: a proof of an account key it has seen, of the request's uuid. */
    @Benchmark
    public ProofOfKey pokVerifyReply() {
        return verifier.verifyReply(replyPok, REQUEST_UUID, accountKeys);
    }

    /** CryptoJS passphrase AES of a typical auth_req_data with a uuid auth_key (random salt each time). */
    @Benchmark
    public String aesEncrypt() {
        return CryptoJsAes.encrypt(PAYLOAD, AUTH_KEY);
    }

    @Benchmark
    public String aesDecrypt() {
        return CryptoJsAes.decrypt(encryptedPayload, AUTH_KEY);
    }
}
