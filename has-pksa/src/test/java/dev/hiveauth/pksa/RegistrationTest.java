package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.pksa.fixtures.RecordingListener;
import dev.hiveauth.pksa.fixtures.ScriptedRelay;
import dev.hiveauth.pksa.fixtures.TestAccount;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.ProofOfKey;
import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.KeyAck;
import dev.hiveauth.protocol.message.KeyReq;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.RegisterReq;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The start of every session, against a scripted relay: protocol check, key_req, register_req with proofs of key. */
class RegistrationTest {
    private static final PrivateKey RELAY_KEY = PrivateKey.fromSeed("scripted relay");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(System.currentTimeMillis());
    private final RecordingListener events = new RecordingListener();
    private ScriptedRelay relay;
    private Pksa pksa;

    @AfterEach
    void stop() {
        if (pksa != null) {
            pksa.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private static String connected(String protocol) {
        return "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"scripted\",\"protocol\":" + protocol + "}";
    }

    private void start(String protocol, Map<String, Map<KeyType, PrivateKey>> keys) {
        relay = new ScriptedRelay(connected(protocol));
        pksa = Pksa.builder().name("MyPKSA").keys(KeyStore.of(keys)).clock(clock).listener(events)
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200)).build();
        pksa.connect(relay.uri());
    }

    private static Map<String, Map<KeyType, PrivateKey>> keys() {
        Map<String, Map<KeyType, PrivateKey>> keys = new LinkedHashMap<>();
        keys.put("alice", TestAccount.ALICE.keys(KeyType.ACTIVE, KeyType.POSTING, KeyType.MEMO));
        keys.put("bob", TestAccount.BOB.keys(KeyType.ACTIVE, KeyType.POSTING));
        keys.put("carol", TestAccount.of("carol").keys(KeyType.ACTIVE));
        return keys;
    }

    /** Answers key_req and returns the register_req that follows. */
    private RegisterReq registration() throws Exception {
        assertThat(relay.next()).isInstanceOf(KeyReq.class);
        relay.send(new KeyAck(RELAY_KEY.publicKey().toString()));
        HasMessage message = relay.next();
        assertThat(message).isInstanceOf(RegisterReq.class);
        return (RegisterReq) message;
    }

    @Test
    void registersEveryAccountWithAProofMadeByItsLeastPowerfulKey() throws Exception {
        start("1", keys());

        RegisterReq register = registration();

        assertThat(register.app()).isEqualTo("MyPKSA");
        assertThat(register.accounts()).extracting(RegisterReq.Account::name).containsExactly("alice", "bob", "carol");
        ProofOfKey.Verifier verifier = new ProofOfKey.Verifier(RELAY_KEY, clock);
        Map<String, PrivateKey> expected = Map.of(
                "alice", TestAccount.ALICE.memo(),        // memo before posting before active
                "bob", TestAccount.BOB.posting(),
                "carol", TestAccount.of("carol").active());
        for (RegisterReq.Account account : register.accounts()) {
            assertThat(account.isLegacy()).isFalse();
            ProofOfKey proof = verifier.verifyRegistration(account.pok(),
                    TestAccount.of(account.name()).publicKeys());
            assertThat(proof.key()).isEqualTo(expected.get(account.name()).publicKey());
            assertThat(proof.value()).isEqualTo(Long.toString(clock.millis()));
        }
    }

    @Test
    void acceptsAnOlderProtocol() throws Exception {
        start("0.8", keys());

        assertThat(relay.next()).isInstanceOf(KeyReq.class);
        assertThat(events.declined).isEmpty();
    }

    @Test
    void declinesARelayWithANewerProtocolForGood() throws Exception {
        start("2", keys());

        await().atMost(WAIT).until(() -> relay.closed() == 1);
        assertThat(events.declined).containsExactly(BigDecimal.valueOf(2));
        // it never asks for the key, and never comes back
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> relay.opened() == 1);
        assertThat(relay.nothingReceived()).isTrue();
    }

    @Test
    void reportsARefusedRegistrationAndRegistersAgainOnTheNextConnection() throws Exception {
        start("1", keys());
        registration();

        relay.send(new ErrorMessage("registration failed: alice (pok timestamp is 12 s away from server time)"));
        await().atMost(WAIT).until(() -> !events.errors.isEmpty());
        assertThat(events.errors).containsExactly("registration failed: alice (pok timestamp is 12 s away from server time)");

        relay.drop();
        RegisterReq again = registration();
        assertThat(again.accounts()).extracting(RegisterReq.Account::name).containsExactly("alice", "bob", "carol");
        assertThat(relay.opened()).isEqualTo(2);
    }

    @Test
    void aRegisterAckIsReported() throws Exception {
        start("1", keys());
        registration();

        relay.send(new dev.hiveauth.protocol.message.RegisterAck("bob"));

        await().atMost(WAIT).until(() -> events.registrations.contains("bob"));
    }

    @Test
    void anUnusableRelayKeyRegistersNothing() throws Exception {
        start("1", keys());
        assertThat(relay.next()).isInstanceOf(KeyReq.class);

        relay.send(new KeyAck("not-a-key"));
        relay.send(MessageCodec.decode(connected("1"))); // a second connected: asks for the key again

        assertThat(relay.next()).isInstanceOf(KeyReq.class); // and not a register_req in between
    }

    @Test
    void unreadableFramesAreIgnored() throws Exception {
        start("1", keys());
        assertThat(relay.next()).isInstanceOf(KeyReq.class);

        relay.sendRaw("ping");
        relay.sendRaw("{\"cmd\":\"mystery\"}");
        relay.sendRaw("{\"cmd\":\"auth_req\",\"account\":5}");
        relay.send(new Connected(60, "again")); // the wallet is still there: answers with key_req

        assertThat(relay.next()).isInstanceOf(KeyReq.class);
        assertThat(relay.nothingReceived()).isTrue();
    }
}
