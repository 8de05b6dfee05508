package dev.hiveauth.server.transport;

import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.Buffer;

/**
 * Where one connection's byte stream is: in the HTTP upgrade request, or somewhere in its WebSocket frames, of which
 * only the headers are read. Reports to {@link PeerBuffers} the bytes of each message received in part and its end,
 * and to the {@link PeerChannel} the upgrade and its pings. One reader at a time (Grizzly reads a connection in order).
 */
final class FrameStream {
    private static final int MAX_UPGRADE_REQUEST_BYTES = 16 * 1024;
    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};
    private static final byte[] WEBSOCKET = "websocket".getBytes(StandardCharsets.US_ASCII);
    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_PING = 0x9;

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

    /** Reads what {@code buffer} holds (without consuming it); the reason to close, or null while within limits. */
    Problem scan(Buffer buffer, long maxFrameBytes, PeerChannel channel, PeerBuffers buffers) {
        int position = buffer.position();
        int limit = buffer.limit();
        while (position < limit) {
            if (!inFrames) {
                position = scanUpgradeRequest(buffer, position, limit, channel);
                if (!inFrames && upgradeBytesSeen > MAX_UPGRADE_REQUEST_BYTES) {
                    return null; // not a WebSocket upgrade we can follow; Grizzly rejects oversized headers
                }
                continue;
            }
            if (payloadRemaining > 0) {
                long skip = Math.min(payloadRemaining, limit - position);
                if (dataFrame) {
                    PeerBuffers.Verdict full = buffers.receive(channel, skip);
                    if (full != null) {
                        return new Problem(full.closure(), 1013, full.detail());
                    }
                }
                payloadRemaining -= skip;
                position += (int) skip;
                if (payloadRemaining == 0) {
                    frameDone(channel, buffers);
                }
                continue;
            }
            frameHeader[frameHeaderLength++] = buffer.get(position++);
            if (frameHeaderLength < headerLength()) {
                continue;
            }
            Problem problem = completeFrameHeader(maxFrameBytes, channel, buffers.now());
            if (problem != null) {
                return problem;
            }
            if (payloadRemaining == 0) {
                frameDone(channel, buffers);
            }
        }
        return null;
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
        int mask = (frameHeader[1] & 0x80) != 0 ? 4 : 0;
        return 2 + extended + mask;
    }

    private Problem completeFrameHeader(long maxFrameBytes, PeerChannel channel, long nowNanos) {
        int opcode = frameHeader[0] & 0x0F;
        finalFrame = (frameHeader[0] & 0x80) != 0;
        long length = payloadLength();
        boolean masked = (frameHeader[1] & 0x80) != 0;
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
