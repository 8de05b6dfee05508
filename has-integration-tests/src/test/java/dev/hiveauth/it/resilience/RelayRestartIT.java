package dev.hiveauth.it.resilience;

import dev.hiveauth.app.AuthRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.RequestLostException;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.ManualApproval;
import dev.hiveauth.it.fixture.WalletEvents;
import dev.hiveauth.protocol.payload.AuthReqData;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay is redeployed: it closes every socket with 1001 and comes back on the same address, with the same key
 * but an empty memory. Wallets reconnect and register again by themselves; an application whose request was
 * pending reconnects, asks to attach, and learns that the relay no longer knows the request — it fails as lost,
 * at once, rather than waiting for its expiry — and its next request goes through.
 */
class RelayRestartIT {
    private static final String SECRET = "restart secret";

    private final HiveAuthWorld world = HiveAuthWorld.start();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void afterARestart_theWalletRegistersAgain_aPendingLoginIsReportedLost_andTheNextOneGoesThrough() {
        ManualApproval user = new ManualApproval();
        WalletEvents events = new WalletEvents();
        world.online(world.wallet(world.alice()).serviceSecret(SECRET).policy(user).listener(events));
        HasClient app = world.open(world.app().authKeySecret(SECRET));
        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("it.example")).build());
        ManualApproval.Question question = user.next();

        world.restartRelay();
        world.awaitRegistrations("alice", 1);
        assertThat(Awaited.failure(login)).isInstanceOf(RequestLostException.class).hasMessageContaining("attach_nack");
        question.approve(); // an answer to a request the new relay never had
        await().until(() -> events.errors().contains("auth_ack: unknown or expired request"));

        CompletableFuture<AuthResult> again = app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("it.example")).build());
        user.next().approve();
        assertThat(Awaited.value(again).auth().account()).isEqualTo("alice");
        assertThat(events.disconnections()).isEqualTo(1);
    }
}
