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
 * goes straight out, after whatever the batch holds, so nothing overtakes what was sent before it. A batch that holds
 * nothing (the relay sends from other threads too, see {@link WriteBatch#holds}) lets every frame straight out.
 */
final class WriteCoalescer extends BaseFilter {
    private final ChannelCloser closer;

    WriteCoalescer(ChannelCloser closer) {
        this.closer = closer;
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        WriteBatch batch = WriteBatch.current();
        if (batch == null || !batch.holds) {
            return ctx.getInvokeAction();
        }
        FilterChainContext.TransportContext transport = ctx.getTransportContext();
        PeerChannel channel = closer.channel(ctx.getConnection());
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
        @SuppressWarnings("unchecked")
        CompletionHandler<WriteResult<?, ?>> handler = transport.getCompletionHandler();
        transport.setCompletionHandler(null);
        ctx.setMessage(null);
        batch.hold(ctx.getConnection(), frame, handler);
        return ctx.getStopAction();
    }
}
