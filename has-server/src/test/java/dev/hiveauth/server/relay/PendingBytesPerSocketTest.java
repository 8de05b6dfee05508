package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One APP socket may have only so many bytes of requests waiting for a wallet: memory stays bounded per
 * socket, and one abusive socket cannot take the whole server's budget from the others.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class PendingBytesPerSocketTest {
    private final RelayFixture has;
    private final String bigAuthReq = "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"" + "x".repeat(600) + "\"}";
    private final FakeConnection pksa;
    private final FakeConnection app;

    PendingBytesPerSocketTest(StoreKind kind) {
        // room for one request with 600 characters of data (its forwarded frame is about 700 bytes), not two
        has = new RelayFixture(kind, false, Limits.DEFAULT.withMaxFrameBytes(1000).withMaxPendingBytesPerSocket(1000));
        pksa = has.pksaFor("alice", has.alicePosting);
        app = has.open();
    }

    @AfterEach
    void closeStores() {
        RelayFixture.closeAll();
    }

    /** Sends a big request; its uuid, or null when it was refused. */
    private String bigRequest(FakeConnection socket) {
        has.send(socket, bigAuthReq);
        return socket.takeOne().path("uuid").asText(null);
    }

    private void assertRefused(FakeConnection socket) {
        has.send(socket, bigAuthReq);
        assertThat(socket.takeOne().get("error").asText())
                .isEqualTo("auth_req: this connection's waiting requests hold 1000 bytes, the limit");
    }

    @Test
    void aRequestPastTheSocketsByteLimitIsRefusedNothingIsQueuedAndOtherSocketsAreUnaffected() {
        String first = bigRequest(app);
        assertRefused(app);

        FakeConnection other = has.open();
        String others = bigRequest(other);
        assertThat(others).as("another socket has its own budget").isNotNull();

        assertThat(pksa.take()).extracting(request -> request.get("uuid").asText()).containsExactly(first, others);
        assertThat(has.relay.store().requestCount()).isEqualTo(2);
    }

    @Test
    void theBytesComeBackWhenTheRequestIsAnswered() {
        String uuid = bigRequest(app);
        assertRefused(app);

        has.send(pksa, "{\"cmd\":\"auth_ack\",\"uuid\":\"" + uuid + "\",\"data\":\"d\",\"pok\":\""
                + has.replyPok(has.alicePosting, uuid) + "\"}");
        assertThat(app.takeOne().get("cmd").asText()).isEqualTo("auth_ack");
        assertThat(bigRequest(app)).as("the answered request is kept for attach, but no longer waits").isNotNull();
        assertRefused(app);
    }

    @Test
    void theBytesComeBackWhenTheRequestExpires() {
        bigRequest(app);
        has.clock.advance(Duration.ofSeconds(59));
        has.relay.sweep();
        assertRefused(app);

        has.clock.advance(Duration.ofSeconds(1));
        has.relay.sweep();
        assertThat(bigRequest(app)).isNotNull();
    }
}
