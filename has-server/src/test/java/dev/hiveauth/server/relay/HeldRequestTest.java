package dev.hiveauth.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.message.Family;
import org.junit.jupiter.api.Test;

class HeldRequestTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long EXPIRE = NOW + 60_000;

    private final HeldRequest held = new HeldRequest(new StoredRequest("u-1", Family.AUTH, "alice", EXPIRE,
            "{\"cmd\":\"auth_req\",\"data\":\"" + "x".repeat(4096) + "\"}", "c1"));

    @Test
    void whileItWaits_itIsForwardedWithItsFrame() {
        assertThat(held.forwardIfWaiting(NOW).frame()).contains("auth_req");
        assertThat(held.forwardIfWaiting(EXPIRE)).as("not past its expiry").isNull();
    }

    @Test
    void onceAnswered_itKeepsItsFactsAndReplyButNotTheForwardedFrame() {
        held.answer("{\"cmd\":\"auth_ack\"}", NOW + 90_000);

        assertThat(held.forwardIfWaiting(NOW)).isNull();
        assertThat(held.request().forwardedFrame()).as("the request's data is let go").isNull();
        assertThat(held.facts()).isEqualTo(new RequestStore.RequestFacts("alice", Family.AUTH, EXPIRE, true,
                NOW + 90_000));
        assertThat(held.attach("c2", NOW + 1).replyFrame()).isEqualTo("{\"cmd\":\"auth_ack\"}");
    }

    @Test
    void anAnswerWithNoRoomToKeepIt_isRememberedUntilTheRequestsExpiryOnly() {
        held.answer(null, NOW + 90_000);

        assertThat(held.liveUntil()).isEqualTo(EXPIRE);
        assertThat(held.isLive(EXPIRE - 1)).isTrue();
        assertThat(held.attach("c2", NOW + 1)).isEqualTo(RequestStore.Attachment.UNKNOWN);
    }
}
