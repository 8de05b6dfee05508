package dev.hiveauth.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** Tyrus's sessions take their scheduler from the client; the real stack is in has-app-client's TyrusTransportTest. */
class TyrusClientTest {

    @Test
    void sessionsShareOneSessionScheduler_untilTyrusShutsTheClientDown_thenTheNextConnectionGetsANewOne() {
        TyrusClient client = new TyrusClient();

        ScheduledExecutorService first = client.getScheduledExecutorService();
        assertThat(first).isInstanceOf(SessionScheduler.class).isSameAs(client.getScheduledExecutorService());

        client.shutdown(); // what Tyrus does when the client's last connection ends
        assertThat(first.isShutdown()).isTrue();

        ScheduledExecutorService next = client.getScheduledExecutorService();
        assertThat(next).isInstanceOf(SessionScheduler.class).isNotSameAs(first);
        client.shutdown();
    }
}
