package dev.hiveauth.server.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * The bytes peers send, read before Tyrus buffers anything (on the decrypted stream, before the HTTP codec): a PROXY
 * protocol header when the relay expects one, the upgrade request, then only WebSocket frame headers. It refuses a
 * connection past the connection cap or its address's share of it (counting those still in their handshake), and
 * closes a connection as soon as a frame or a fragmented message declares more than the frame limit (1009; Tyrus
 * alone would buffer it and close with 1011), when a frame comes unmasked (1002), when it pings past its ping budget
 * (1008), or when the bytes of messages received in part, over every connection, would pass their budget; it marks
 * the upgrade done and tells {@link PeerBuffers} of each message received in part and completed, for the deadlines.
 * The frames go on unmasked ({@link FrameStream}).
 */
final class InboundGuard extends BaseFilter {
    private final long maxFrameBytes;
    private final Admission admission;
    private final PeerBuffers buffers;
    private final ChannelCloser closer;

    InboundGuard(long maxFrameBytes, Admission admission, PeerBuffers buffers, ChannelCloser closer) {
        this.maxFrameBytes = maxFrameBytes;
        this.admission = admission;
        this.buffers = buffers;
        this.closer = closer;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        PeerChannel channel = buffers.accepted(ctx.getConnection());
        closer.attach(ctx.getConnection(), channel);
        // Connections still in their handshake count too: a flood of half-open ones holds the cap only until the
        // handshake deadline, and never more sockets than the cap allows.
        if (buffers.channelCount() > admission.maxConnections()) {
            closer.cutOff(channel, Closure.CONNECTION_CAP, "the server holds " + admission.maxConnections()
                    + " connections, its limit");
            return ctx.getStopAction();
        }
        if (!admission.proxyProtocol() && !admitted(channel, peerAddress(ctx.getConnection()))) {
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        PeerChannel channel = closer.channel(ctx.getConnection());
        if (channel != null) {
            buffers.closed(channel);
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (!(ctx.getMessage() instanceof Buffer buffer)) {
            return ctx.getInvokeAction();
        }
        Connection<?> connection = ctx.getConnection();
        PeerChannel channel = closer.channel(connection);
        if (channel == null) {
            channel = buffers.accepted(connection); // accepted before this filter was there (never, but be safe)
            closer.attach(connection, channel);
        }
        if (channel.isClosing()) {
            return ctx.getStopAction();
        }
        if (admission.proxyProtocol() && !channel.proxyHeaderRead) {
            ProxyHeader.Result header = ProxyHeader.parse(buffer);
            switch (header.status()) {
                case INCOMPLETE:
                    return ctx.getStopAction(buffer); // kept, and the next read appended to it
                case INVALID:
                    closer.cutOff(channel, Closure.PROXY_HEADER, header.problem());
                    return ctx.getStopAction();
                default:
                    channel.proxyHeaderRead = true;
                    InetAddress client = header.client() != null ? header.client() : peerAddress(connection);
                    if (!admitted(channel, client)) {
                        return ctx.getStopAction();
                    }
                    buffer.position(buffer.position() + header.length());
                    if (!buffer.hasRemaining()) {
                        return ctx.getStopAction();
                    }
            }
        }
        FrameStream stream = closer.stream(connection);
        FrameStream.Problem problem = stream.scan(buffer, maxFrameBytes, channel, buffers);
        if (problem != null) {
            closer.closeWithFrame(ctx, channel, problem.closure(), problem.code(), problem.detail());
            return ctx.getStopAction();
        }
        // A read of nothing but masking keys leaves nothing to pass on.
        return buffer.hasRemaining() ? ctx.getInvokeAction() : ctx.getStopAction();
    }

    /** Counts the connection against its client address's share; false when it was over it (and is cut off). */
    private boolean admitted(PeerChannel channel, InetAddress client) {
        if (client == null) {
            return true;
        }
        PeerBuffers.Verdict full = buffers.admitAddress(channel, client, admission.maxConnectionsPerAddress());
        if (full != null) {
            closer.cutOff(channel, full.closure(), full.detail());
            return false;
        }
        return true;
    }

    private static InetAddress peerAddress(Connection<?> connection) {
        return connection.getPeerAddress() instanceof InetSocketAddress peer ? peer.getAddress() : null;
    }
}
