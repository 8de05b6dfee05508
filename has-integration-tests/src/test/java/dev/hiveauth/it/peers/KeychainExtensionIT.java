package dev.hiveauth.it.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.Decision;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.protocol.payload.AuthAckData;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Hive Keychain browser extension as an application: its text {@code ping} frames and its leftover session
 * {@code token} must neither disturb the relay nor the real wallet library it talks to.
 */
class KeychainExtensionIT {
    private final HiveAuthWorld world = HiveAuthWorld.start();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void pingsAndALeftoverTokenAreIgnored_theLoginAndTheTransactionGoThrough() {
        Pksa wallet = world.open(world.wallet(world.alice()).policy(ApprovalPolicy.always(Decision.APPROVE)));
        KeychainExtensionApp extension = world.track(KeychainExtensionApp.connect(world.relay(), world.clock()));

        extension.ping();
        String qrCode = extension.startLogin("alice", "keychain-extension.example");
        extension.ping();
        wallet.acceptPayload(qrCode);
        AuthAckData login = extension.finishLogin();
        extension.ping();
        JsonNode signed = extension.signAndBroadcast(OperationsJson.vote("alice", "bob", "from-the-extension"));
        extension.ping();

        assertThat(login.expire()).isEqualTo(world.clock().millis() + Duration.ofDays(1).toMillis());
        assertThat(signed.get("cmd").asText()).isEqualTo("sign_ack");
        assertThat(world.chain().accepted(signed.get("data").asText())).isPresent();
        assertThat(extension.everythingReceived()).extracting(frame -> frame.get("cmd").asText())
                .as("a ping is not answered, not even with an error")
                .containsExactly("connected", "auth_wait", "auth_ack", "sign_wait", "sign_ack", "attach_nack");
    }
}
