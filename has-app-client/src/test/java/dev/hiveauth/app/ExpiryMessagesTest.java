package dev.hiveauth.app;

import static dev.hiveauth.app.ScriptedNetwork.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.message.AuthWait;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A login that expires unanswered says what probably went wrong, in the words of the mistakes users make: a QR code
 * nobody scanned, or a service wallet the client did not give its secret; a service wallet with another secret.
 */
class ExpiryMessagesTest {
    private final ScriptedNetwork network = new ScriptedNetwork();
    private HasClient client;

    @AfterEach
    void close() {
        client.close();
    }

    private Throwable expiredLogin(HasClient.Builder builder, boolean showLink) {
        client = builder.build();
        AuthRequest.Builder login = AuthRequest.newBuilder("alice").app("myapp");
        if (showLink) {
            login.onWait(prompt -> { });
        }
        CompletableFuture<AuthResult> result = client.authenticate(login.build());
        send(network.accept(), new AuthWait("u-1", network.clock.millis() + 60_000, "alice"));
        network.advance(Duration.ofSeconds(61));
        assertThat(result).isCompletedExceptionally();
        try {
            result.get();
            throw new AssertionError("expired, not approved");
        } catch (ExecutionException | InterruptedException e) {
            return e.getCause();
        }
    }

    @Test
    void aLoginWithALinkAndNoSecret_mentionsTheUser_andAServiceWalletsSecret() {
        Throwable failure = expiredLogin(network.client(), true);

        assertThat(failure).isInstanceOf(RequestExpiredException.class)
                .hasMessageContaining("auth_req for alice (u-1) got no answer")
                .hasMessageContaining("the user did not approve it in time")
                .hasMessageContaining("--auth-key-secret");
    }

    @Test
    void aServiceModeLogin_asksWhetherTheWalletHasTheSameSecret() {
        Throwable failure = expiredLogin(network.client().authKeySecret("s"), false);

        assertThat(failure).hasMessageContaining("Is a service wallet registered for alice on ws://relay.example/")
                .hasMessageContaining("same secret as this client's authKeySecret")
                .hasMessageNotContaining("did not approve");
    }
}
