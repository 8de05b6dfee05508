package dev.hiveauth.it.peers;

import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.SignRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.it.fixture.Awaited;
import dev.hiveauth.it.fixture.HiveAuthWorld;
import dev.hiveauth.it.fixture.OperationsJson;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HiveAuth Mobile double-prefixes every proof ({@code "##value"}): a relay that compared the decrypted text
 * naively would refuse all of them. Here even a strict relay registers it and relays its proven replies to the
 * real application client.
 */
class HiveAuthMobileIT {
    private final HiveAuthWorld world = HiveAuthWorld.strict();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void itsDoublePrefixedProofsPassAStrictRelay_forTheLoginAndTheTransaction() {
        HiveAuthMobileWallet phone = world.track(new HiveAuthMobileWallet(world.alice(), world.hive(), world.clock()));
        phone.connect(world.relay());
        phone.socket().await("register_ack");
        HasClient app = world.open(world.app());

        CompletableFuture<AuthResult> login = app.authenticate(AuthRequest.newBuilder("alice")
                .app(new AuthReqData.App("it.example")).onWait(prompt -> phone.approveLogin(prompt.uri())).build());
        AuthResult result = Awaited.value(login);
        CompletableFuture<SignResult> vote = app.sign(SignRequest.newBuilder(result.auth()).keyType(KeyType.POSTING)
                .operations(OperationsJson.vote("alice", "bob", "from-hiveauth-mobile")).build());
        String txid = phone.approveNextSign();

        assertThat(Awaited.value(vote).txid()).isEqualTo(txid);
        assertThat(world.chain().accepted(txid)).isPresent();
        assertThat(phone.socket().received("error")).isEmpty();
        assertThat(world.requests("auth", "approved")).isEqualTo(1);
        assertThat(world.requests("sign", "approved")).isEqualTo(1);
    }
}
