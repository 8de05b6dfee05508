package dev.hiveauth.server.transport;

import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Keeps each Grizzly connection's {@link PeerChannel} and {@link FrameStream}, and closes connections the transport
 * gives up on — once each, reported to the {@link ClosureListener}. A peer that still reads gets a close frame with
 * the code and reason first; one that does not read is cut off at once (a close frame would only wait in its queue).
 */
final class ChannelCloser {
    private final Attribute<PeerChannel> channels =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(ChannelCloser.class.getName() + ".channel");
    private final Attribute<FrameStream> streams =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(ChannelCloser.class.getName() + ".stream");
    private final ClosureListener listener;

    ChannelCloser(ClosureListener listener) {
        this.listener = listener;
    }

    void attach(Connection<?> connection, PeerChannel channel) {
        channels.set(connection, channel);
    }

    PeerChannel channel(Connection<?> connection) {
        return channels.get(connection);
    }

    FrameStream stream(Connection<?> connection) {
        FrameStream stream = streams.get(connection);
        if (stream == null) {
            stream = new FrameStream();
            streams.set(connection, stream);
        }
        return stream;
    }

    /**
     * Sends a close frame with {@code code} from the guard's place in the filter chain (below the HTTP codec), then
     * closes; if the frame never leaves (the peer does not read), the sweep cuts the connection off.
     */
    void closeWithFrame(FilterChainContext ctx, PeerChannel channel, Closure closure, int code, String detail) {
        if (!channel.startClosing()) {
            return;
        }
        channel.closingSinceNanos = Math.max(1, System.nanoTime());
        listener.closed(closure, peer(channel) + detail);
        Connection<?> connection = channel.connection;
        @SuppressWarnings("rawtypes") // FilterChainContext.write takes a CompletionHandler<WriteResult>, raw in Grizzly
        CompletionHandler<WriteResult> closeWhenSent = new EmptyCompletionHandler<>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable throwable) {
                connection.terminateSilently();
            }
        };
        ctx.write(Buffers.wrap(ctx.getMemoryManager(), closeFrame(code, detail)), closeWhenSent);
    }

    /** Cuts the connection off at once, dropping what waits to be sent to it. */
    void cutOff(PeerChannel channel, Closure closure, String detail) {
        if (channel.startClosing()) {
            listener.closed(closure, peer(channel) + detail);
        }
        channel.connection.terminateSilently();
    }

    private static String peer(PeerChannel channel) {
        Object address = channel.connection == null ? null : channel.connection.getPeerAddress();
        return address == null ? "" : address + ": ";
    }

    /** A close frame (server frames are unmasked); the reason is cut to fit a control frame's 125 bytes. */
    static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, 123);
        byte[] frame = new byte[4 + length];
        frame[0] = (byte) 0x88; // FIN + close
        frame[1] = (byte) (2 + length);
        frame[2] = (byte) (code >> 8);
        frame[3] = (byte) (code & 0xFF);
        System.arraycopy(text, 0, frame, 4, length);
        return frame;
    }
}
