package dev.hiveauth.server.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.Buffer;

/**
 * Where one connection's byte stream is: in the HTTP upgrade request, or somewhere in its WebSocket frames. Reports to
 * {@link PeerBuffers} the bytes of each message received in part and its end, and to the {@link PeerChannel} the
 * upgrade and its pings. One reader at a time (Grizzly reads a connection in order).
 *
 * <p>It also unmasks the frames as they pass, in place: each frame goes on without its masking key, its mask bit
 * cleared and its payload unmasked eight bytes at a time, so Tyrus (which takes an unmasked frame as it is) no longer
 * unmasks byte by byte — a tenth of the relay's time under load. A frame is never longer for it, so the rewritten
 * bytes always fit where the read ones were; headers and payloads cut across reads are rewritten piece by piece.
 */
final class FrameStream {
    private static final int MAX_UPGRADE_REQUEST_BYTES = 16 * 1024;
    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};
    private static final byte[] WEBSOCKET = "websocket".getBytes(StandardCharsets.US_ASCII);
    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_PING = 0x9;
    private static final int MASK_BYTES = 4;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Why to close, with the close code to send. */
    record Problem(Closure closure, int code, String detail) {
    }

    private boolean inFrames;
    private int upgradeBytesSeen;
    private int headerMatch;
    /** How much of "websocket" the request's last bytes matched, and whether it was seen whole: no copy is kept. */
    private int websocketMatch;
    private boolean websocketSeen;

    private final byte[] frameHeader = new byte[14];
    private int frameHeaderLength;
    private long payloadRemaining;
    private boolean dataFrame;
    private boolean finalFrame;
    private long messageBytes;
    /** The current frame's masking key, and where in it the next payload byte is. */
    private final byte[] mask = new byte[MASK_BYTES];
    private int maskIndex;

    /**
     * Reads what {@code buffer} holds and rewrites its frames unmasked, moving its limit back by the masking keys
     * taken out; the reason to close, or null while within limits (the buffer is left as it is then).
     */
    Problem scan(Buffer buffer, long maxFrameBytes, PeerChannel channel, PeerBuffers buffers) {
        int read = buffer.position();
        int write = read;
        int limit = buffer.limit();
        while (read < limit) {
            if (!inFrames) {
                // Nothing was taken out before the frames start: the request's bytes stay where they are.
                read = scanUpgradeRequest(buffer, read, limit, channel);
                write = read;
                if (!inFrames && upgradeBytesSeen > MAX_UPGRADE_REQUEST_BYTES) {
                    buffer.limit(write);
                    return null; // not a WebSocket upgrade we can follow; Grizzly rejects oversized headers
                }
                continue;
            }
            if (payloadRemaining > 0) {
                int count = (int) Math.min(payloadRemaining, limit - read);
                if (dataFrame) {
                    PeerBuffers.Verdict full = buffers.receive(channel, count);
                    if (full != null) {
                        return new Problem(full.closure(), 1013, full.detail());
                    }
                }
                write = unmask(buffer, read, write, count);
                payloadRemaining -= count;
                read += count;
                if (payloadRemaining == 0) {
                    frameDone(channel, buffers);
                }
                continue;
            }
            byte b = buffer.get(read++);
            int index = frameHeaderLength;
            frameHeader[frameHeaderLength++] = b;
            int length = headerLength();
            int keyStart = length - MASK_BYTES;
            if (index >= 2 && isMasked() && index >= keyStart) {
                mask[index - keyStart] = b; // the key goes no further
            } else {
                buffer.put(write++, index == 1 ? (byte) (b & 0x7F) : b);
            }
            if (frameHeaderLength < length) {
                continue;
            }
            Problem problem = completeFrameHeader(maxFrameBytes, channel, buffers.now());
            if (problem != null) {
                return problem;
            }
            maskIndex = 0;
            if (payloadRemaining == 0) {
                frameDone(channel, buffers);
            }
        }
        buffer.limit(write);
        return null;
    }

    /** Moves {@code count} payload bytes from {@code read} back to {@code write}, unmasked. */
    private int unmask(Buffer buffer, int read, int write, int count) {
        int i = 0;
        if (buffer.hasArray()) {
            byte[] array = buffer.array();
            int from = buffer.arrayOffset() + read;
            int to = buffer.arrayOffset() + write;
            long key = repeatedKey();
            // Forward, eight bytes at a time: each long is read before anything at or after it is written.
            for (; i + Long.BYTES <= count; i += Long.BYTES) {
                LONGS.set(array, to + i, (long) LONGS.get(array, from + i) ^ key);
            }
        }
        for (; i < count; i++) {
            buffer.put(write + i, (byte) (buffer.get(read + i) ^ mask[(maskIndex + i) & 3]));
        }
        maskIndex = (maskIndex + count) & 3;
        return write + count;
    }

    /** The key as eight little-endian bytes starting where the next payload byte is in it. */
    private long repeatedKey() {
        long key = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            key = (key << 8) | (mask[(maskIndex + i) & 3] & 0xFFL);
        }
        return key;
    }

    private void frameDone(PeerChannel channel, PeerBuffers buffers) {
        if (dataFrame && finalFrame) {
            buffers.received(channel); // the message is whole: the endpoint has it now
        }
    }

    private int scanUpgradeRequest(Buffer buffer, int position, int limit, PeerChannel channel) {
        while (position < limit && !inFrames) {
            byte b = buffer.get(position++);
            upgradeBytesSeen++;
            if (upgradeBytesSeen <= MAX_UPGRADE_REQUEST_BYTES) {
                matchWebSocket(b);
            }
            headerMatch = b == END_OF_HEADERS[headerMatch] ? headerMatch + 1 : (b == '\r' ? 1 : 0);
            if (headerMatch == END_OF_HEADERS.length) {
                boolean upgrade = websocketSeen;
                websocketSeen = false;
                websocketMatch = 0;
                headerMatch = 0;
                upgradeBytesSeen = 0;
                inFrames = upgrade; // a plain HTTP request: keep reading requests
                channel.upgraded = upgrade || channel.upgraded;
            }
        }
        return position;
    }

    /** "websocket" in any case; no proper prefix of it is also its suffix, so a mismatch starts over. */
    private void matchWebSocket(byte b) {
        byte lower = b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
        websocketMatch = lower == WEBSOCKET[websocketMatch] ? websocketMatch + 1 : (lower == WEBSOCKET[0] ? 1 : 0);
        if (websocketMatch == WEBSOCKET.length) {
            websocketSeen = true;
            websocketMatch = 0;
        }
    }

    /** Header bytes this frame needs, known progressively as its first bytes arrive. */
    private int headerLength() {
        if (frameHeaderLength < 2) {
            return 2;
        }
        int lengthCode = frameHeader[1] & 0x7F;
        int extended = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
        return 2 + extended + (isMasked() ? MASK_BYTES : 0);
    }

    private boolean isMasked() {
        return (frameHeader[1] & 0x80) != 0;
    }

    private Problem completeFrameHeader(long maxFrameBytes, PeerChannel channel, long nowNanos) {
        int opcode = frameHeader[0] & 0x0F;
        finalFrame = (frameHeader[0] & 0x80) != 0;
        long length = payloadLength();
        boolean masked = isMasked();
        frameHeaderLength = 0;
        if (!masked) {
            return new Problem(Closure.UNMASKED_FRAME, 1002, "client frames must be masked (RFC 6455 section 5.1)");
        }
        if (length < 0 || length > maxFrameBytes) {
            return new Problem(Closure.FRAME_TOO_BIG, 1009, "frame exceeds " + maxFrameBytes + " bytes");
        }
        dataFrame = opcode < 0x8;
        if (dataFrame) {
            messageBytes = opcode == OPCODE_CONTINUATION ? messageBytes + length : length;
            if (messageBytes > maxFrameBytes) {
                return new Problem(Closure.FRAME_TOO_BIG, 1009, "message exceeds " + maxFrameBytes + " bytes");
            }
            if (finalFrame) {
                messageBytes = 0;
            }
        } else if (opcode == OPCODE_PING && !channel.pings.tryTake(nowNanos)) {
            // every ping costs a pong the server must write: a peer pinging without end, maybe without reading
            return new Problem(Closure.PING_FLOOD, 1008, "too many pings");
        }
        payloadRemaining = length;
        return null;
    }

    private long payloadLength() {
        int lengthCode = frameHeader[1] & 0x7F;
        if (lengthCode == 126) {
            return ((frameHeader[2] & 0xFFL) << 8) | (frameHeader[3] & 0xFFL);
        }
        if (lengthCode == 127) {
            long length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (frameHeader[i] & 0xFFL);
            }
            return length;
        }
        return lengthCode;
    }
}
