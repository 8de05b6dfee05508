package dev.hiveauth.it.resilience;

import dev.hiveauth.app.AuthRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.RequestRefusedException;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.ManualApproval;
import dev.hiveauth.it.fixture.WalletEvents;
import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.Decision;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.protocol.payload.AuthReqData;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Alice runs two wallets (a phone and a desktop service) registered on the same relay: every request reaches
 * both, the first answer — approval or refusal — is the one the app gets, and the other wallet is told it came
 * too late. A wallet that abstains stays silent and leaves the request to the other.
 */
class SeveralWalletsIT {
    private static final String SECRET = "two wallets secret";
    private static final AuthReqData.App APP = new AuthReqData.App("it.example");

    private final HiveAuthWorld world = HiveAuthWorld.start();

    @AfterEach
    void close() {
        world.close();
    }

    private Pksa.Builder wallet(String name) {
        return world.wallet(world.alice()).name(name).serviceSecret(SECRET);
    }

    @Test
    void bothWalletsGetTheLogin_theFirstApprovalWins_andTheSecondWalletIsToldItCameTooLate() {
        ManualApproval phone = new ManualApproval();
        ManualApproval desktop = new ManualApproval();
        WalletEvents desktopEvents = new WalletEvents();
        world.online(wallet("phone").policy(phone).authDuration(Duration.ofDays(1)));
        world.online(wallet("desktop").policy(desktop).authDuration(Duration.ofDays(7)).listener(desktopEvents));
        HasClient app = world.open(world.app().authKeySecret(SECRET));

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        ManualApproval.Question onThePhone = phone.next();
        ManualApproval.Question onTheDesktop = desktop.next();
        onThePhone.approve();
        AuthResult result = Awaited.value(login);
        onTheDesktop.approve();

        await().until(() -> desktopEvents.errors().contains("auth_ack: request already answered"));
        assertThat(result.auth().expire()).as("the phone's answer (one day), not the desktop's (seven)")
                .isEqualTo(world.clock().millis() + Duration.ofDays(1).toMillis());
        assertThat(world.requests("auth", "approved")).as("one answer relayed").isEqualTo(1);
    }

    @Test
    void aRefusalThatComesFirstWins_theOtherWalletCanNoLongerApprove() {
        ManualApproval phone = new ManualApproval();
        WalletEvents phoneEvents = new WalletEvents();
        world.online(wallet("phone").policy(phone).listener(phoneEvents));
        world.online(wallet("desktop").policy(ApprovalPolicy.always(Decision.REJECT)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice").app(APP).build());
        ManualApproval.Question onThePhone = phone.next();
        assertThat(Awaited.failure(login)).isInstanceOf(RequestRefusedException.class);
        onThePhone.approve();

        await().until(() -> phoneEvents.errors().contains("auth_ack: request already answered"));
        assertThat(world.requests("auth", "approved")).isZero();
    }

    @Test
    void aWalletThatAbstainsStaysSilent_andTheOtherWalletAnswers() {
        world.online(wallet("indifferent").policy(ApprovalPolicy.always(Decision.ABSTAIN)));
        world.online(wallet("willing").policy(ApprovalPolicy.always(Decision.APPROVE))
                .authDuration(Duration.ofDays(3)));
        HasClient app = world.open(world.app().authKeySecret(SECRET));

        AuthResult result = Awaited.value(app.authenticate(AuthRequest.newBuilder("alice").app(APP).build()));

        assertThat(result.auth().expire()).isEqualTo(world.clock().millis() + Duration.ofDays(3).toMillis());
    }
}
