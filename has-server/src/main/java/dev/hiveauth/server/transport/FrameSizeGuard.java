package dev.hiveauth.server.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Enforces the frame-size limit of SPEC §1 (larger: close 1009) before Tyrus buffers anything.
 *
 * <p>Tyrus alone closes an over-large frame with 1011 after buffering it, and does not apply the text
 * message limit to unfragmented frames. This filter sits on the decrypted byte stream, skips the HTTP
 * upgrade request, then reads only WebSocket frame headers: as soon as a frame, or a fragmented message,
 * declares more payload than allowed, it answers with a close frame 1009 and drops the connection, so no
 * peer can make the server hold more than one limit's worth of bytes.
 */
final class FrameSizeGuard extends BaseFilter {
    private static final int MAX_UPGRADE_REQUEST_BYTES = 16 * 1024;
    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};

    private final long maxFrameBytes;
    private final Attribute<StreamState> state =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameSizeGuard.class.getName() + ".state");

    FrameSizeGuard(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (!(ctx.getMessage() instanceof Buffer buffer)) {
            return ctx.getInvokeAction();
        }
        Connection<?> connection = ctx.getConnection();
        StreamState stream = state.get(connection);
        if (stream == null) {
            stream = new StreamState();
            state.set(connection, stream);
        }
        if (stream.closing) {
            return ctx.getStopAction();
        }
        String violation = stream.scan(buffer, maxFrameBytes);
        if (violation != null) {
            stream.closing = true;
            closeTooBig(ctx, violation);
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }

    private static void closeTooBig(FilterChainContext ctx, String reason) {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[4 + reasonBytes.length];
        frame[0] = (byte) 0x88; // FIN + close
        frame[1] = (byte) (2 + reasonBytes.length); // server frames are not masked; reason < 124 bytes
        frame[2] = (byte) (1009 >> 8);
        frame[3] = (byte) (1009 & 0xFF);
        System.arraycopy(reasonBytes, 0, frame, 4, reasonBytes.length);
        Connection<?> connection = ctx.getConnection();
        ctx.write(Buffers.wrap(ctx.getMemoryManager(), frame), new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable throwable) {
                connection.closeSilently();
            }
        });
    }

    /** Where one connection's byte stream is: in the upgrade request, or somewhere in the frames. */
    static final class StreamState {
        private boolean inFrames;
        private boolean closing;
        private int upgradeBytesSeen;
        private int headerMatch;
        private final StringBuilder upgradeRequest = new StringBuilder();

        private final byte[] frameHeader = new byte[14];
        private int frameHeaderLength;
        private long payloadRemaining;
        private long messageBytes;

        /** Returns the reason to close, or null while the stream is within limits. */
        String scan(Buffer buffer, long maxFrameBytes) {
            int position = buffer.position();
            int limit = buffer.limit();
            while (position < limit) {
                if (!inFrames) {
                    position = scanUpgradeRequest(buffer, position, limit);
                    if (!inFrames && upgradeBytesSeen > MAX_UPGRADE_REQUEST_BYTES) {
                        return null; // not a WebSocket upgrade we can follow; Grizzly rejects oversized headers
                    }
                    continue;
                }
                if (payloadRemaining > 0) {
                    long skip = Math.min(payloadRemaining, limit - position);
                    payloadRemaining -= skip;
                    position += (int) skip;
                    continue;
                }
                frameHeader[frameHeaderLength++] = buffer.get(position++);
                int needed = headerLength();
                if (frameHeaderLength < needed) {
                    continue;
                }
                String violation = completeFrameHeader(maxFrameBytes);
                if (violation != null) {
                    return violation;
                }
            }
            return null;
        }

        private int scanUpgradeRequest(Buffer buffer, int position, int limit) {
            while (position < limit && !inFrames) {
                byte b = buffer.get(position++);
                upgradeBytesSeen++;
                if (upgradeRequest.length() < MAX_UPGRADE_REQUEST_BYTES) {
                    upgradeRequest.append((char) (b & 0xFF));
                }
                headerMatch = b == END_OF_HEADERS[headerMatch] ? headerMatch + 1 : (b == '\r' ? 1 : 0);
                if (headerMatch == END_OF_HEADERS.length) {
                    boolean upgrade = upgradeRequest.toString().toLowerCase().contains("websocket");
                    upgradeRequest.setLength(0);
                    headerMatch = 0;
                    upgradeBytesSeen = 0;
                    inFrames = upgrade; // a plain HTTP request: keep reading requests
                }
            }
            return position;
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

        private String completeFrameHeader(long maxFrameBytes) {
            int opcode = frameHeader[0] & 0x0F;
            boolean fin = (frameHeader[0] & 0x80) != 0;
            int lengthCode = frameHeader[1] & 0x7F;
            long length;
            if (lengthCode == 126) {
                length = ((frameHeader[2] & 0xFFL) << 8) | (frameHeader[3] & 0xFFL);
            } else if (lengthCode == 127) {
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = (length << 8) | (frameHeader[i] & 0xFFL);
                }
            } else {
                length = lengthCode;
            }
            frameHeaderLength = 0;
            if (length < 0 || length > maxFrameBytes) {
                return "frame exceeds " + maxFrameBytes + " bytes";
            }
            boolean control = opcode >= 0x8;
            if (!control) {
                messageBytes = opcode == 0 ? messageBytes + length : length;
                if (messageBytes > maxFrameBytes) {
                    return "message exceeds " + maxFrameBytes + " bytes";
                }
                if (fin) {
                    messageBytes = 0;
                }
            }
            payloadRemaining = length;
            return null;
        }
    }
}
