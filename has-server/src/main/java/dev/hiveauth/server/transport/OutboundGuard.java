package dev.hiveauth.server.transport;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * The bytes the server sends, counted as they enter a connection's write queue and uncounted as they leave it, so
 * that no peer can make the server hold more than {@link TransportLimits#maxQueuedBytesPerSocket()} for it: a write
 * that would pass the bound (or the bound of every queue together, for a socket that already lags) cuts the
 * connection off instead. Without this, whatever was sent to a socket that does not read stayed in memory without
 * end; a peer that reads is never refused anything.
 */
final class OutboundGuard extends BaseFilter {
    private final PeerBuffers buffers;
    private final ChannelCloser closer;

    OutboundGuard(PeerBuffers buffers, ChannelCloser closer) {
        this.buffers = buffers;
        this.closer = closer;
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        PeerChannel channel = closer.channel(ctx.getConnection());
        if (channel == null || !(ctx.getMessage() instanceof Buffer buffer)) {
            return ctx.getInvokeAction();
        }
        long bytes = buffer.remaining();
        PeerBuffers.Verdict refused = buffers.queue(channel, bytes);
        FilterChainContext.TransportContext transport = ctx.getTransportContext();
        @SuppressWarnings("unchecked")
        CompletionHandler<WriteResult<?, ?>> original = transport.getCompletionHandler();
        if (refused != null) {
            closer.cutOff(channel, refused.closure(), refused.detail());
            if (original != null) {
                original.failed(new IOException("connection closed: " + refused.detail()));
            }
            return ctx.getStopAction();
        }
        transport.setCompletionHandler(new CompletionHandler<WriteResult<?, ?>>() {
            @Override
            public void cancelled() {
                buffers.sent(channel, bytes);
                if (original != null) {
                    original.cancelled();
                }
            }

            @Override
            public void failed(Throwable throwable) {
                buffers.sent(channel, bytes);
                if (original != null) {
                    original.failed(throwable);
                }
            }

            @Override
            public void completed(WriteResult<?, ?> result) {
                buffers.sent(channel, bytes);
                if (original != null) {
                    original.completed(result);
                }
            }

            @Override
            public void updated(WriteResult<?, ?> result) {
                if (original != null) {
                    original.updated(result);
                }
            }
        });
        return ctx.getInvokeAction();
    }
}
