package dev.hiveauth.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.pksa.PksaListener;
import dev.hiveauth.pksa.RegistrationRefusedException;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.protocol.testing.FakeHiveNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A wallet that meets a relay which cannot reach the chain is not left registered nowhere until someone restarts it:
 * the relay refuses the registration for a passing reason, the wallet tries again with backoff, and once the chain is
 * back the account is registered and its logins are served — same wallet, same connection.
 */
class WalletRecoveryIT {
    private static final String SECRET = "recovery secret";

    private final HiveAuthWorld world = HiveAuthWorld.start();
    private final FakeHiveNode node = world.node(0);
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aRegistrationRefusedWhileTheChainIsUnreachable_isServedOnceTheChainIsBack_withoutARestart() {
        node.failWithStatus(503);
        Pksa wallet = world.open(world.wallet(world.alice()).serviceSecret(SECRET).policy(new ServicePolicy(true))
                .listener(new PksaListener() {
                    @Override
                    public void registrationRefused(URI server, String account, String reason, long retryInMillis) {
                        refusals.add(account + ": " + reason);
                    }
                }));

        CompletableFuture<Void> connected = wallet.connect(world.relay());

        assertThat(connected).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RegistrationRefusedException.class)
                .withMessageContaining("alice (cannot check the account on chain now)");
        await().atMost(Duration.ofSeconds(10)).until(() -> refusals.size() >= 2); // tried again, refused again
        assertThat(world.registrations("alice")).isZero();

        node.heal();

        world.awaitRegistrations("alice", 1);
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        assertThat(Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app("it.example").build())).auth()
                .account()).isEqualTo("alice");
        assertThat(refusals).allMatch(refusal -> refusal.equals("alice: cannot check the account on chain now"));
    }
}
