package dev.hiveauth.app;

import dev.hiveauth.protocol.message.Connected;
import dev.hiveauth.protocol.message.HasMessage;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.testing.ManualTimers;
import dev.hiveauth.protocol.testing.MutableClock;
import dev.hiveauth.protocol.testing.ScriptedDialer;
import dev.hiveauth.protocol.testing.ScriptedDialer.ScriptedLink;
import java.time.Duration;
import java.util.List;

/**
 * A {@link HasClient} with no network and no thread: the test opens its connections, speaks for the relay frame by
 * frame, and moves its timers and clock by hand; callbacks run on the test's thread. For flow control, keep-alive
 * and reconnection, whose timing a real socket would make flaky.
 */
final class ScriptedNetwork {
    static final String URL = "ws://relay.example/";
    static final String CONNECTED = MessageCodec.encode(new Connected(60, "test", Connected.PROTOCOL));

    final ManualTimers timers = new ManualTimers();
    final MutableClock clock = new MutableClock(1_800_000_000_000L);
    final ScriptedDialer dialer = new ScriptedDialer();

    /** A client on this network, with its expiry checked every 100 ms of the manual timers. */
    HasClient.Builder client() {
        return HasClient.builder().server(URL).timers(timers).clock(clock).dialer(dialer).executor(Runnable::run)
                .expiryCheckInterval(Duration.ofMillis(100))
                        .reconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
    }

    /** Opens the next connection the client dialled and greets it as a relay does. */
    ScriptedLink accept() {
        ScriptedLink link = dialer.nextDial().open();
        link.receive(CONNECTED);
        return link;
    }

    /** Moves the timers and the clock together. */
    void advance(Duration duration) {
        clock.advance(duration);
        timers.advance(duration);
    }

    /** What the client sent on {@code link}, decoded. */
    static List<HasMessage> sent(ScriptedLink link) {
        return link.sent().stream().map(MessageCodec::decode).toList();
    }

    /** The messages of one type the client sent on {@code link}, in order. */
    static <T extends HasMessage> List<T> sent(ScriptedLink link, Class<T> type) {
        return sent(link).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static void send(ScriptedLink link, HasMessage message) {
        link.receive(MessageCodec.encode(message));
    }
}
