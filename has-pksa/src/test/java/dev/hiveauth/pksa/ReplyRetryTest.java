package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.pksa.fixtures.RecordingListener;
import dev.hiveauth.pksa.fixtures.ScriptedRelay;
import dev.hiveauth.pksa.fixtures.TestAccount;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.message.AuthAck;
import dev.hiveauth.protocol.message.AuthReq;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.KeyAck;
import dev.hiveauth.protocol.message.KeyReq;
import dev.hiveauth.protocol.message.RegisterAck;
import dev.hiveauth.protocol.message.RegisterReq;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.ServiceAuthKey;
import dev.hiveauth.protocol.testing.ManualTimers;
import dev.hiveauth.protocol.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An approval is the user's: when the relay refuses the answer for a reason that passes (rate, load, the chain out of
 * reach) the wallet sends it again until the request expires; when the relay says it is settled (another wallet
 * answered, it expired) the wallet lets it go; when the relay did not count the account as registered, the answer goes
 * once it is. Against a scripted relay, on hand-moved timers.
 */
class ReplyRetryTest {
    private static final String SECRET = "service secret";
    private static final PrivateKey RELAY_KEY = PrivateKey.fromSeed("scripted relay");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(System.currentTimeMillis());
    private final ManualTimers timers = new ManualTimers();
    private final RecordingListener events = new RecordingListener();
    private ScriptedRelay relay;
    private Pksa pksa;

    @BeforeEach
    void registered() throws Exception {
        relay = new ScriptedRelay("{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"scripted\",\"protocol\":1}");
        pksa = Pksa.builder().keys(KeyStore.of(Map.of("alice", TestAccount.ALICE.keys(KeyType.POSTING))))
                .serviceSecret(SECRET).policy(ApprovalPolicy.always(Decision.APPROVE)).clock(clock).listener(events)
                .timers(timers).keepAlive(Duration.ofHours(1), Duration.ofHours(2))
                .reconnectDelay(Duration.ofSeconds(1), Duration.ofSeconds(8)).random(new Random(7)).build();
        pksa.connect(relay.uri());
        assertThat(relay.next()).isInstanceOf(KeyReq.class);
        relay.send(new KeyAck(RELAY_KEY.publicKey().toString()));
        assertThat(relay.next()).isInstanceOf(RegisterReq.class);
        relay.send(new RegisterAck("alice"));
        await().atMost(WAIT).until(() -> events.registrations.contains("alice"));
    }

    @AfterEach
    void stop() {
        pksa.close();
        relay.close();
    }

    /** The relay forwards a service-mode login of alice under {@code uuid}; returns the wallet's answer. */
    private AuthAck forwardLogin(String uuid) throws Exception {
        String authKey = UUID.randomUUID().toString();
        relay.send(new AuthReq("alice", new AuthReqData(new AuthReqData.App("myapp")).encrypt(authKey),
                ServiceAuthKey.wrap(authKey, SECRET), null, uuid, clock.millis() + 60_000));
        return nextAck();
    }

    private AuthAck nextAck() throws Exception {
        HasMessage next = relay.next();
        assertThat(next).isInstanceOf(AuthAck.class);
        return (AuthAck) next;
    }

    /** The relay answers the wallet's reply with an error, and the wallet has read it. */
    private void refuse(String uuid, String error) {
        int before = events.errors.size();
        relay.send(new ErrorMessage(error, uuid));
        await().atMost(WAIT).until(() -> events.errors.size() > before);
    }

    @Test
    void anApprovalRefusedForRateIsSentAgainAfterAPause() throws Exception {
        AuthAck first = forwardLogin("u-1");

        refuse("u-1", "auth_ack: rate limit exceeded: at most 50.0 messages per second");
        timers.advance(Duration.ofSeconds(1));

        AuthAck again = nextAck();
        assertThat(again.uuid()).isEqualTo("u-1");
        assertThat(again.data()).as("the same approval").isEqualTo(first.data());
    }

    @Test
    void anApprovalTheRelayCouldNotCheckYetIsSentAgain_andKeepsBeingSentWhileItMayArrive() throws Exception {
        forwardLogin("u-1");
        for (int attempt = 0; attempt < 4; attempt++) {
            refuse("u-1", "auth_ack: cannot check the pok against alice's keys now");
            timers.advance(Duration.ofSeconds(8));
            assertThat(nextAck().uuid()).isEqualTo("u-1");
        }
    }

    @Test
    void aSettledRequestIsLetGo() throws Exception {
        forwardLogin("u-1");

        refuse("u-1", "auth_ack: request already answered");
        timers.advance(Duration.ofMinutes(1));

        assertThat(forwardLogin("u-2").uuid()).as("nothing for u-1 came before").isEqualTo("u-2");
    }

    @Test
    void anApprovalForAnAccountTheRelayForgotGoesOnceItIsRegisteredAgain() throws Exception {
        forwardLogin("u-1");

        relay.send(new ErrorMessage("auth_ack: this connection has not registered alice", "u-1"));
        HasMessage registration = relay.next();
        assertThat(registration).isInstanceOf(RegisterReq.class);
        assertThat(((RegisterReq) registration).accounts()).extracting(RegisterReq.Account::name)
                .containsExactly("alice");
        relay.send(new RegisterAck("alice"));

        assertThat(nextAck().uuid()).isEqualTo("u-1");
    }

    @Test
    void anApprovalIsNotSentAgainPastItsRequestsExpiry() throws Exception {
        forwardLogin("u-1");
        clock.advance(Duration.ofSeconds(59).plusMillis(800));

        refuse("u-1", "auth_ack: rate limit exceeded: at most 50.0 messages per second");
        timers.advance(Duration.ofSeconds(10));

        assertThat(forwardLogin("u-2").uuid()).isEqualTo("u-2");
    }
}
