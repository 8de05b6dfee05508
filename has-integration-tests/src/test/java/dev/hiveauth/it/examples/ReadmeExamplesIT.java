package dev.hiveauth.it.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.app.Auth;
import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.pksa.service.ServicePolicy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The module READMEs' examples run against a real relay, a real wallet and the fake Hive node ({@link ReadmeQuotesTest}
 * checks that each README quotes them as they are; the root README's quick starts run in
 * {@link QuickStartWithoutMicrometerIT}).
 */
class ReadmeExamplesIT {
    private final HiveAuthWorld world = HiveAuthWorld.start();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void theQrCodeLoginOfTheAppClientReadme_approvedByTheWalletOfThePksaReadme() {
        CompletableFuture<dev.hiveauth.pksa.Auth> walletSide = new CompletableFuture<>();

        // the app shows its QR code; the user's wallet scans it (on another thread: the callback must not block)
        Auth auth = AppClientExamples.logIn(world.relay().toString(), qrText -> CompletableFuture.supplyAsync(
                () -> WalletExamples.approveAScannedLogin(world.alice().posting().toWif(), world.relay(),
                        world.node(0).uri().toString(), qrText)).whenComplete((approved, failure) -> {
                            if (failure != null) {
                                walletSide.completeExceptionally(failure);
                            } else {
                                walletSide.complete(approved);
                            }
                        }));

        assertThat(walletSide).succeedsWithin(java.time.Duration.ofSeconds(10));
        assertThat(auth.account()).isEqualTo("alice");
        assertThat(walletSide.join().key()).as("the wallet holds the key the app holds").isEqualTo(auth.authKey());
    }

    @Test
    void theBackendExample_logsEveryUserInThroughOneClient() {
        world.online(world.wallet(world.alice(), world.bob()).serviceSecret("site secret").policy(new ServicePolicy(true)));

        List<AuthResult> results = AppClientExamples.logInFromABackend(world.relay().toString(), "site secret",
                List.of("alice", "bob", "alice"));

        assertThat(results).extracting(result -> result.auth().account()).containsExactly("alice", "bob", "alice");
    }

    @Test
    void theSigningExample_votesAndProves() throws Exception {
        world.online(world.wallet(world.alice()).serviceSecret("site secret").policy(new ServicePolicy(true)));
        HasClient has = world.open(world.app().authKeySecret("site secret"));
        Auth auth = has.authenticate(AuthRequest.newBuilder("alice").app("myapp").build()).join().auth();

        String answer = AppClientExamples.voteAndProve(has, auth);

        assertThat(answer).endsWith(world.alice().active().publicKey().toString());
        assertThat(world.chain().accepted()).hasSize(1);
    }

    @Test
    void theTunedClient_isAClientOfTheRelay() {
        try (HasClient has = AppClientExamples.tunedClient(world.relay().toString())) {
            assertThat(has.connect().join().protocol()).isEqualByComparingTo("1");
        }
    }
}
