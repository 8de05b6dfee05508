package dev.hiveauth.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

/**
 * How the inbound guard tells an upgrade request from a plain HTTP request, as its bytes arrive in any pieces: a
 * request that names "websocket" anywhere in its headers, in any case, is an upgrade; one that does not is not, and
 * the stream stays in HTTP. And how it passes frames on unmasked: whatever pieces the stream comes in, what leaves
 * is the upgrade request as it was, then each frame as the client would have sent it without a mask.
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

    @Test
    void framesLeaveUnmasked_whereverTheReadsCutThem() {
        Random random = new Random(12);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        byte[] upgrade = UPGRADE.getBytes(StandardCharsets.ISO_8859_1);
        sent.writeBytes(upgrade);
        expected.writeBytes(upgrade);
        int[][] frames = {{0x81, 0}, {0x81, 5}, {0x89, 125}, {0x01, 126}, {0x80, 300}, {0x81, 70_000}, {0x8A, 3}};
        for (int[] frame : frames) {
            byte[] payload = new byte[frame[1]];
            random.nextBytes(payload);
            byte[] key = new byte[4];
            random.nextBytes(key);
            sent.writeBytes(frame(frame[0], payload, key));
            expected.writeBytes(frame(frame[0], payload, null));
        }
        byte[] stream = sent.toByteArray();

        assertThat(passedOn(stream, new int[] {stream.length}, false)).isEqualTo(expected.toByteArray());
        for (int round = 0; round < 200; round++) {
            int[] cuts = random.ints(random.nextInt(1, 12), 1, stream.length).sorted().distinct().toArray();
            int[] ends = java.util.stream.IntStream.concat(java.util.Arrays.stream(cuts),
                    java.util.stream.IntStream.of(stream.length)).toArray();
            assertThat(passedOn(stream, ends, round % 2 == 0)).as("cut at %s", java.util.Arrays.toString(cuts))
                    .isEqualTo(expected.toByteArray());
        }
    }

    /** What the guard passes on when {@code stream} arrives in reads ending at {@code ends}, in heap or direct buffers. */
    private byte[] passedOn(byte[] stream, int[] ends, boolean direct) {
        PeerChannel channel = buffers.accepted(null);
        FrameStream frames = new FrameStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = 0;
        for (int end : ends) {
            ByteBuffer bytes = direct ? ByteBuffer.allocateDirect(end - start) : ByteBuffer.allocate(end - start);
            bytes.put(stream, start, end - start).flip();
            Buffer read = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, bytes);
            assertThat(frames.scan(read, 1 << 20, channel, buffers)).isNull();
            byte[] passed = new byte[read.remaining()];
            read.get(passed);
            out.writeBytes(passed);
            start = end;
        }
        return out.toByteArray();
    }

    /** A frame as RFC 6455 §5.2 lays it out; masked with {@code key} when there is one. */
    private static byte[] frame(int first, byte[] payload, byte[] key) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        int maskBit = key == null ? 0 : 0x80;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) payload.length >>> (8 * i)) & 0xFF);
            }
        }
        if (key == null) {
            frame.writeBytes(payload);
        } else {
            frame.writeBytes(key);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ key[i & 3]);
            }
        }
        return frame.toByteArray();
    }
}
