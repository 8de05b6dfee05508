package dev.hiveauth.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** SPEC §4: a server checking the proofs of a PKSA that holds alice's keys. */
class ProofOfKeyTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final String UUID_OF_REQUEST = "eda2958e-81b9-44b3-afa9-98f543e87c60";

    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private final PrivateKey server = PrivateKey.fromSeed("has server key");
    private final ProofOfKey.Verifier verifier = new ProofOfKey.Verifier(server, clock);

    private final PrivateKey alicePosting = PrivateKey.fromLogin("alice", "correct horse", "posting");
    private final List<PrivateKey> aliceRoles = List.of(
            PrivateKey.fromLogin("alice", "correct horse", "memo"), alicePosting,
            PrivateKey.fromLogin("alice", "correct horse", "active"),
            PrivateKey.fromLogin("alice", "correct horse", "owner"));
    private final List<PublicKey> aliceKeys = aliceRoles.stream().map(PrivateKey::publicKey).toList();

    @Test
    void aFreshRegistrationWithAnyOfAlicesKeysIsAccepted() {
        for (PrivateKey role : aliceRoles) {
            String pok = ProofOfKey.forRegistration(role, server.publicKey(), clock);

            ProofOfKey proof = verifier.verifyRegistration(pok, aliceKeys);

            assertThat(proof.key()).isEqualTo(role.publicKey());
            assertThat(proof.value()).isEqualTo("1700000000000");
        }
        assertThat(verifier.serverKey()).isEqualTo(server.publicKey());
    }

    @Test
    void registrationTimeMayBeTenSecondsOffEitherWayAndNotOneMillisecondMore() {
        assertThat(verifier.verifyRegistration(registrationAt(NOW - 10_000), aliceKeys).value()).isEqualTo("1699999990000");
        assertThat(verifier.verifyRegistration(registrationAt(NOW + 10_000), aliceKeys).value()).isEqualTo("1700000010000");

        assertThatThrownBy(() -> verifier.verifyRegistration(registrationAt(NOW - 10_001), aliceKeys))
                .isInstanceOf(ProofOfKeyException.class)
                .hasMessage("pok timestamp is 10.001 s away from server time (behind)");
        assertThatThrownBy(() -> verifier.verifyRegistration(registrationAt(NOW + 10_001), aliceKeys))
                .hasMessage("pok timestamp is 10.001 s away from server time (ahead)");
        assertThatThrownBy(() -> verifier.verifyRegistration(registrationAt(NOW + 15_200), aliceKeys))
                .hasMessage("pok timestamp is 15.2 s away from server time (ahead)");
        assertThatThrownBy(() -> verifier.verifyRegistration(registrationAt(NOW - 3_600_000), aliceKeys))
                .hasMessage("pok timestamp is 3600 s away from server time (behind)");
    }

    @Test
    void aTenDigitSecondsTimestampIsReadAsUnixTime() {
        long nowSeconds = NOW / 1000;
        assertThat(verifier.verifyRegistration(registrationWith(Long.toString(nowSeconds)), aliceKeys).value())
                .isEqualTo("1700000000");
        verifier.verifyRegistration(registrationWith(Long.toString(nowSeconds - 10)), aliceKeys);
        verifier.verifyRegistration(registrationWith(Long.toString(nowSeconds + 10)), aliceKeys);

        assertThatThrownBy(() -> verifier.verifyRegistration(registrationWith(Long.toString(nowSeconds - 11)), aliceKeys))
                .hasMessage("pok timestamp is 11 s away from server time (behind)");
        assertThatThrownBy(() -> verifier.verifyRegistration(registrationWith(Long.toString(nowSeconds + 11)), aliceKeys))
                .hasMessage("pok timestamp is 11 s away from server time (ahead)");
    }

    @Test
    void aTimestampMustBeADecimalNumber() {
        for (String value : new String[] {"", "17e11", "-1700000000000", " 1700000000000", "1700000000000.0",
                "１７００００００００", "9".repeat(19), UUID_OF_REQUEST}) {
            assertThatThrownBy(() -> verifier.verifyRegistration(registrationWith(value), aliceKeys))
                    .as("value '%s'", value)
                    .hasMessage("pok timestamp is not a decimal number");
        }
    }

    @Test
    void hiveAuthMobilesDoubleHashIsAccepted() {
        // HiveAuth Mobile passes "#" + value to a helper that adds another '#': the memo decodes to "##value"
        String registration = ProofOfKey.create(alicePosting, server.publicKey(), "#" + NOW);
        String reply = ProofOfKey.create(alicePosting, server.publicKey(), "#" + UUID_OF_REQUEST);
        assertThat(Memo.decode(server, reply)).isEqualTo("##" + UUID_OF_REQUEST);

        assertThat(verifier.verifyRegistration(registration, aliceKeys).value()).isEqualTo("1700000000000");
        assertThat(verifier.verifyReply(reply, UUID_OF_REQUEST, aliceKeys).value()).isEqualTo(UUID_OF_REQUEST);
    }

    @Test
    void everyLeadingHashIsStrippedNotJustTwo() {
        String reply = ProofOfKey.create(alicePosting, server.publicKey(), "###" + UUID_OF_REQUEST);
        assertThat(verifier.verifyReply(reply, UUID_OF_REQUEST, aliceKeys).value()).isEqualTo(UUID_OF_REQUEST);
    }

    @Test
    void aReplyMustCarryTheUuidOfTheRequestItAnswers() {
        String pok = ProofOfKey.forReply(alicePosting, server.publicKey(), UUID_OF_REQUEST);

        assertThat(verifier.verifyReply(pok, UUID_OF_REQUEST, aliceKeys).key()).isEqualTo(alicePosting.publicKey());
        assertThatThrownBy(() -> verifier.verifyReply(pok, "80d0d7c4-f8f8-47e6-a907-fa0630372a8e", aliceKeys))
                .hasMessage("pok does not match the request uuid");
        assertThatThrownBy(() -> verifier.verifyReply(pok, UUID_OF_REQUEST.toUpperCase(), aliceKeys))
                .hasMessage("pok does not match the request uuid");
        assertThatThrownBy(() -> verifier.verifyReply(registrationAt(NOW), UUID_OF_REQUEST, aliceKeys))
                .hasMessage("pok does not match the request uuid");
        assertThatThrownBy(() -> verifier.verifyRegistration(pok, aliceKeys))
                .hasMessage("pok timestamp is not a decimal number");
    }

    @Test
    void aProofForAnotherServerIsRefused() {
        PrivateKey otherServer = PrivateKey.fromSeed("another HAS");
        String pok = ProofOfKey.forRegistration(alicePosting, otherServer.publicKey(), clock);

        assertThatThrownBy(() -> verifier.verifyRegistration(pok, aliceKeys))
                .hasMessage("pok is not addressed to this server");
    }

    @Test
    void aProofMadeWithSomeoneElsesKeyIsRefused() {
        PrivateKey bob = PrivateKey.fromLogin("bob", "hunter2", "posting");
        String pok = ProofOfKey.forRegistration(bob, server.publicKey(), clock);

        assertThatThrownBy(() -> verifier.verifyRegistration(pok, aliceKeys))
                .hasMessage("pok was made with a key that is not one of the account's keys");
        assertThatThrownBy(() -> verifier.verifyRegistration(pok, List.of()))
                .hasMessage("pok was made with a key that is not one of the account's keys");
        assertThatThrownBy(() -> verifier.verifyRegistration(pok, List.of(PublicKey.NULL)))
                .hasMessage("pok was made with a key that is not one of the account's keys");
    }

    @Test
    void aProofClaimingAlicesKeyButMadeWithAnotherIsRefusedByTheCheck() {
        PrivateKey eve = PrivateKey.fromSeed("eve");
        byte[] forged = EncryptedMemo.parse(ProofOfKey.forRegistration(eve, server.publicKey(), clock)).toBytes();
        System.arraycopy(alicePosting.publicKey().toBytes(), 0, forged, 0, 33);

        assertThatThrownBy(() -> verifier.verifyRegistration("#" + Base58.encode(forged), aliceKeys))
                .hasMessage("pok does not decrypt with the server key");
    }

    @Test
    void aNegatedAccountKeyIsNotAnAccountKey() {
        // x-only ECDH cannot tell P from −P; the byte comparison with the account's keys does
        byte[] relabelled = EncryptedMemo.parse(registrationAt(NOW)).toBytes();
        relabelled[0] ^= 1;

        assertThatThrownBy(() -> verifier.verifyRegistration("#" + Base58.encode(relabelled), aliceKeys))
                .hasMessage("pok was made with a key that is not one of the account's keys");
    }

    @Test
    void malformedProofsAreRefusedWithAReasonThePeerCanRead() {
        assertThatThrownBy(() -> verifier.verifyRegistration(null, aliceKeys)).hasMessage("pok is missing");
        assertThatThrownBy(() -> verifier.verifyReply("", UUID_OF_REQUEST, aliceKeys)).hasMessage("pok is missing");
        assertThatThrownBy(() -> verifier.verifyRegistration("1700000000000", aliceKeys))
                .hasMessage("pok is not a memo (it must start with '#')");
        assertThatThrownBy(() -> verifier.verifyRegistration("#not-base58!", aliceKeys))
                .hasMessage("pok is not a memo: memo is not Base58: invalid Base58 character '-' at position 3");
        assertThatThrownBy(() -> verifier.verifyRegistration("#3mJr7AoUXx2Wqd", aliceKeys))
                .hasMessage("pok is not a memo: memo is truncated: 10 bytes, a memo has at least 95");
        assertThatThrownBy(() -> verifier.verifyRegistration("#" + "2".repeat(ProofOfKey.MAX_LENGTH), aliceKeys))
                .hasMessage("pok is too long (513 characters, at most 512)");

        byte[] garbled = EncryptedMemo.parse(registrationAt(NOW)).toBytes();
        garbled[garbled.length - 1] ^= 0x55;
        assertThatThrownBy(() -> verifier.verifyRegistration("#" + Base58.encode(garbled), aliceKeys))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pok does not decrypt: memo ");
    }

    @Test
    void randomProofsRoundTripWithAndWithoutTheSecretCache() {
        Random random = new Random(4);
        ProofOfKey.Verifier uncached = new ProofOfKey.Verifier(server, clock, 0);
        ProofOfKey.Verifier tiny = new ProofOfKey.Verifier(server, clock, 1); // every other key evicts the last
        for (int i = 0; i < 40; i++) {
            PrivateKey key = PrivateKey.fromSeed("account " + random.nextInt(5));
            String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
            long sent = NOW + random.nextInt(20_001) - 10_000;
            String reply = ProofOfKey.forReply(key, server.publicKey(), uuid);
            String registration = ProofOfKey.create(key, server.publicKey(), Long.toString(sent));
            List<PublicKey> keys = List.of(PrivateKey.fromSeed("unrelated").publicKey(), key.publicKey());

            for (ProofOfKey.Verifier each : List.of(verifier, uncached, tiny)) {
                assertThat(each.verifyReply(reply, uuid, keys).key()).isEqualTo(key.publicKey());
                assertThat(each.verifyRegistration(registration, keys).value()).isEqualTo(Long.toString(sent));
                assertThatThrownBy(() -> each.verifyReply(reply, uuid, aliceKeys))
                        .isInstanceOf(ProofOfKeyException.class);
            }
        }
    }

    @Test
    void oneVerifierServesManyThreads() throws Exception {
        ProofOfKey.Verifier shared = new ProofOfKey.Verifier(server, clock, 4); // small, so threads collide
        List<PrivateKey> accounts = new ArrayList<>();
        List<String> poks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            accounts.add(PrivateKey.fromSeed("thread account " + i));
            poks.add(ProofOfKey.forReply(accounts.get(i), server.publicKey(), "uuid-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 200; round++) {
                int i = round % 16;
                results.add(pool.submit(() -> shared.verifyReply(poks.get(i), "uuid-" + i,
                        List.of(accounts.get(i).publicKey())).key().equals(accounts.get(i).publicKey())));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String registrationAt(long millis) {
        return registrationWith(Long.toString(millis));
    }

    private String registrationWith(String value) {
        return ProofOfKey.create(alicePosting, server.publicKey(), value);
    }
}
