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
import dev.hiveauth.protocol.message.RegisterAck;
import dev.hiveauth.protocol.message.RegisterReq;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.testing.ManualTimers;
import dev.hiveauth.protocol.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The start of every session and what the wallet does with the relay's answers, against a scripted relay: protocol
 * check, key_req, register_req with proofs of key; registrations refused for a passing reason tried again soon, for a
 * standing one every ten minutes, unanswered ones sent again. The wallet's timers are moved by hand; keep-alive is
 * set out of the way.
 */
class RegistrationTest {
    private static final PrivateKey RELAY_KEY = PrivateKey.fromSeed("scripted relay");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(System.currentTimeMillis());
    private final ManualTimers timers = new ManualTimers();
    private final RecordingListener events = new RecordingListener();
    private ScriptedRelay relay;
    private Pksa pksa;
    private CompletableFuture<Void> connected;

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

    private void start(String protocol) {
        relay = new ScriptedRelay(connected(protocol));
        pksa = Pksa.builder().name("MyPKSA").keys(KeyStore.of(keys())).clock(clock).listener(events).timers(timers)
                .keepAlive(Duration.ofHours(1), Duration.ofHours(2))
                .reconnectDelay(Duration.ofSeconds(1), Duration.ofSeconds(8)).random(new Random(7)).build();
        connected = pksa.connect(relay.uri());
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
        return nextRegistration();
    }

    private RegisterReq nextRegistration() throws Exception {
        HasMessage message = relay.next();
        assertThat(message).isInstanceOf(RegisterReq.class);
        return (RegisterReq) message;
    }

    private void acknowledge(String... accounts) {
        for (String account : accounts) {
            relay.send(new RegisterAck(account));
        }
    }

    @Test
    void registersEveryAccountWithAProofMadeByItsLeastPowerfulKey() throws Exception {
        start("1");

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
    void connectCompletesOnceTheRelayRegisteredEveryAccount() throws Exception {
        start("1");
        registration();

        acknowledge("alice", "bob");
        assertThat(connected).isNotDone();
        acknowledge("carol");

        assertThat(connected).succeedsWithin(WAIT);
        await().atMost(WAIT).until(() -> events.registrations.size() == 3);
    }

    @Test
    void acceptsAnOlderProtocol() throws Exception {
        start("0.8");

        assertThat(relay.next()).isInstanceOf(KeyReq.class);
        assertThat(events.declined).isEmpty();
    }

    @Test
    void declinesARelayWithANewerProtocolForGood() {
        start("2");

        assertThat(connected).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ProtocolDeclinedException.class).withMessageContaining("protocol 2");
        await().atMost(WAIT).until(() -> relay.closed() == 1);
        assertThat(events.declined).containsExactly(BigDecimal.valueOf(2));
        assertThat(timers.scheduled()).as("no reconnection is planned").isZero();
        assertThat(relay.opened()).isEqualTo(1);
        assertThat(relay.nothingReceived()).as("it never asked for the key").isTrue();
    }

    @Test
    void aRegistrationRefusedForAPassingReasonIsTriedAgainSoon_onTheSameConnection() throws Exception {
        start("1");
        registration();
        acknowledge("bob", "carol");

        relay.send(new ErrorMessage("registration failed: alice (cannot check the account on chain now)"));

        assertThat(connected).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RegistrationRefusedException.class)
                .withMessageContaining("alice (cannot check the account on chain now)")
                .satisfies(e -> assertThat(((RegistrationRefusedException) e).reasons())
                        .containsOnlyKeys("alice"));
        await().atMost(WAIT).until(() -> events.refusals.contains("alice: cannot check the account on chain now"));
        timers.advance(Duration.ofSeconds(1)); // the first delay: half a second to a second

        assertThat(nextRegistration().accounts()).extracting(RegisterReq.Account::name).containsExactly("alice");
        acknowledge("alice");
        await().atMost(WAIT).until(() -> events.registrations.contains("alice"));
        assertThat(relay.opened()).isEqualTo(1);
    }

    @Test
    void aStandingRefusalIsTriedAgainOnlyAfterTenMinutes() throws Exception {
        start("1");
        registration();
        acknowledge("alice", "carol");
        relay.send(new ErrorMessage("registration failed: bob (no such account)"));
        await().atMost(WAIT).until(() -> events.refusals.contains("bob: no such account"));

        timers.advance(Duration.ofMinutes(9).plusSeconds(59));
        // a relay that greets again gets key_req next: nothing was sent for bob before it
        relay.send(MessageCodec.decode(connected("1")));
        assertThat(registration().accounts()).as("bob waits for his ten minutes")
                .extracting(RegisterReq.Account::name).containsExactly("alice", "carol");

        timers.advance(Duration.ofSeconds(1));
        assertThat(nextRegistration().accounts()).extracting(RegisterReq.Account::name).containsExactly("bob");
    }

    @Test
    void aRegistrationTheRelayNeverAnswersIsSentAgain() throws Exception {
        start("1");
        registration();
        acknowledge("carol");
        await().atMost(WAIT).until(() -> events.registrations.contains("carol"));

        timers.advance(Duration.ofSeconds(30));
        await().atMost(WAIT).until(() -> events.refusals.size() == 2);
        timers.advance(Duration.ofSeconds(1));

        assertThat(nextRegistration().accounts()).extracting(RegisterReq.Account::name).containsExactly("alice", "bob");
        assertThat(events.refusals).containsExactly("alice: no answer from the relay within 30 s",
                "bob: no answer from the relay within 30 s");
    }

    @Test
    void aLostConnectionRegistersEveryAccountAgain() throws Exception {
        start("1");
        registration();
        acknowledge("alice", "bob", "carol");
        await().atMost(WAIT).until(() -> events.registrations.size() == 3);

        relay.drop();
        await().atMost(WAIT).until(() -> events.disconnections.size() == 1);
        timers.advance(Duration.ofSeconds(1));

        RegisterReq again = registration();
        assertThat(again.accounts()).extracting(RegisterReq.Account::name).containsExactly("alice", "bob", "carol");
        assertThat(relay.opened()).isEqualTo(2);
    }

    @Test
    void anUnusableRelayKeyRegistersNothing_andTheWalletConnectsAgain() throws Exception {
        start("1");
        assertThat(relay.next()).isInstanceOf(KeyReq.class);

        relay.send(new KeyAck("not-a-key"));
        await().atMost(WAIT).until(() -> relay.closed() == 1);
        timers.advance(Duration.ofSeconds(1));

        assertThat(relay.next()).as("a new connection asks again; no register_req in between")
                .isInstanceOf(KeyReq.class);
        assertThat(relay.opened()).isEqualTo(2);
    }

    @Test
    void unreadableFramesAreIgnored() throws Exception {
        start("1");
        assertThat(relay.next()).isInstanceOf(KeyReq.class);

        relay.sendRaw("ping");
        relay.sendRaw("{\"cmd\":\"mystery\"}");
        relay.sendRaw("{\"cmd\":\"auth_req\",\"account\":5}");
        relay.send(new Connected(60, "again")); // the wallet is still there: answers with key_req

        assertThat(relay.next()).isInstanceOf(KeyReq.class);
        assertThat(relay.nothingReceived()).isTrue();
    }
}
