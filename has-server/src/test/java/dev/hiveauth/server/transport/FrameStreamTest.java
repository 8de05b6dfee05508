package dev.hiveauth.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

/**
 * How the inbound guard tells an upgrade request from a plain HTTP request, as its bytes arrive in any pieces: a
 * request that names "websocket" anywhere in its headers, in any case, is an upgrade; one that does not is not, and
 * the stream stays in HTTP.
 */
class FrameStreamTest {
    private final PeerBuffers buffers = new PeerBuffers(TransportLimits.DEFAULT, () -> 1_000_000_000L);

    private static final String UPGRADE = "GET / HTTP/1.1\r\nHost: relay\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    private boolean upgradedAfter(String... pieces) {
        PeerChannel channel = buffers.accepted(null);
        FrameStream stream = new FrameStream();
        for (String piece : pieces) {
            assertThat(stream.scan(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER,
                    piece.getBytes(StandardCharsets.ISO_8859_1)), 1024, channel, buffers)).isNull();
        }
        return channel.upgraded;
    }

    @Test
    void anUpgradeRequestIsSeenWhole_orByteByByte() {
        assertThat(upgradedAfter(UPGRADE)).isTrue();
        assertThat(upgradedAfter(UPGRADE.split("(?<=.)"))).isTrue();
    }

    @Test
    void websocketCountsInAnyCase_evenAfterAFalseStart() {
        assertThat(upgradedAfter("GET / HTTP/1.1\r\nUpgrade: wEBsOCKET\r\n\r\n")).isTrue();
        assertThat(upgradedAfter("GET / HTTP/1.1\r\nX: webwebsocket\r\n\r\n")).isTrue();
        assertThat(upgradedAfter("GET / HTTP/1.1\r\nX: websock", "et\r\n\r\n")).isTrue();
    }

    @Test
    void aPlainRequestIsNoUpgrade_norIsTheNextOneBecauseOfIt() {
        assertThat(upgradedAfter("GET /health HTTP/1.1\r\nHost: relay\r\nX: websocke\r\n\r\n")).isFalse();
        assertThat(upgradedAfter("GET / HTTP/1.1\r\nX: websocke\r\n\r\n", "GET / HTTP/1.1\r\nX: t\r\n\r\n")).isFalse();
    }
}
