package dev.hiveauth.server.transport;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * Right above the transport, the last filter a write passes: while a selector thread handles a read, the frames it
 * sends to upgraded connections go into that read's {@link WriteBatch} instead of out one by one. Anything else (the
 * HTTP answer to a handshake, the 101 included, a blocking write, a write from a thread that is not handling a read)
 * goes straight out, after whatever the batch holds, so nothing overtakes what was sent before it. A frame for a peer
 * whose frames another thread's batch holds goes behind those ({@link PeerChannel#queueBehindHeld}).
 */
final class WriteCoalescer extends BaseFilter {
    private final ChannelCloser closer;

    WriteCoalescer(ChannelCloser closer) {
        this.closer = closer;
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        WriteBatch batch = WriteBatch.current();
        FilterChainContext.TransportContext transport = ctx.getTransportContext();
        PeerChannel channel = closer.channel(ctx.getConnection());
        if (channel != null && ctx.getMessage() instanceof Buffer frame && !transport.isBlocking()
                && transport.getMessageCloner() == null) {
            @SuppressWarnings("unchecked")
            CompletionHandler<WriteResult<?, ?>> handler = transport.getCompletionHandler();
            if (channel.queueBehindHeld(batch, new WriteBatch.Late(frame, handler))) {
                // another thread's read holds frames for this peer: this one goes after them, written by that thread
                transport.setCompletionHandler(null);
                ctx.setMessage(null);
                return ctx.getStopAction();
            }
        }
        if (batch == null) {
            return ctx.getInvokeAction();
        }
        boolean upgradeResponse = channel != null && channel.switchingProtocolsNow;
        if (upgradeResponse) {
            // Written now: once Tyrus opens the session, other threads may write to it (a frame relayed from
            // elsewhere) and must not overtake the 101 held here.
            channel.switchingProtocolsNow = false;
        }
        if (upgradeResponse || !(ctx.getMessage() instanceof Buffer frame) || transport.isBlocking()
                || transport.getMessageCloner() != null || channel == null || !channel.switchedProtocols) {
            batch.flush();
            return ctx.getInvokeAction();
        }
        WriteBatch.Late taken = late(ctx, frame);
        if (!batch.hold(channel, taken.frame(), taken.handler()) && !channel.queueBehindHeld(batch, taken)) {
            taken.write(ctx.getConnection()); // the other batch wrote its frames meanwhile: nothing to wait for
        }
        return ctx.getStopAction();
    }

    /** Takes the frame and its completion handler out of the write, which stops here. */
    private static WriteBatch.Late late(FilterChainContext ctx, Buffer frame) {
        FilterChainContext.TransportContext transport = ctx.getTransportContext();
        @SuppressWarnings("unchecked")
        CompletionHandler<WriteResult<?, ?>> handler = transport.getCompletionHandler();
        transport.setCompletionHandler(null);
        ctx.setMessage(null);
        return new WriteBatch.Late(frame, handler);
    }
}
