package dev.hiveauth.it.peers;

import dev.hiveauth.app.AuthRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.app.AuthPrompt;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.RequestExpiredException;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.protocol.payload.AuthReqData;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A relay started with {@code strictPok(true)} wants a proof of key on every wallet reply. Hive Keychain Mobile
 * registers fine (its legacy challenge is checked like a pok) but proves none of its replies: they are refused,
 * never reach the application, and the login runs to its expiry.
 */
class StrictModeIT {
    private final HiveAuthWorld world = HiveAuthWorld.strict();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aStrictRelayRegistersKeychainButRefusesItsUnprovenReply_andTheAppExpires() {
        KeychainMobileWallet keychain = world.track(new KeychainMobileWallet(world.alice(), world.hive(), world.clock()));
        HasClient app = world.open(world.app());
        CompletableFuture<AuthPrompt> shown = new CompletableFuture<>();

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("it.example")).onWait(prompt -> {
            keychain.scan(prompt.uri());
            shown.complete(prompt);
        }).build());
        keychain.approveLogin();

        String uuid = Awaited.value(shown).uuid();
        assertThat(keychain.socket().await("error", uuid).get("error").asText())
                .isEqualTo("auth_ack: \"pok\" is required");
        world.advance(HiveAuthWorld.PAST_EXPIRY);
        assertThat(Awaited.failure(login)).isInstanceOf(RequestExpiredException.class);
        assertThat(world.requests("auth", "approved")).isZero();
        assertThat(world.registrations("alice")).as("registered all along").isEqualTo(1);
    }
}
