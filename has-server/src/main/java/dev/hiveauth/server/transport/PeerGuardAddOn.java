package dev.hiveauth.server.transport;

import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.FileCacheFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;

/**
 * Puts the {@link InboundGuard} and the {@link OutboundGuard} on a listener, after TLS and before the HTTP codec:
 * they see plain WebSocket bytes both ways, before Tyrus buffers any and after it frames them. Around the codec, the
 * {@link CodecBypass} right before it and, right after it, {@link SwitchingProtocols} and the
 * {@link ClientAddressFilter}, before Tyrus; the {@link WriteCoalescer} right above the transport. And takes off what a
 * relay does not use: Grizzly's idle timeout, its file cache.
 */
final class PeerGuardAddOn implements AddOn {
    private final long maxFrameBytes;
    private final Admission admission;
    private final PeerBuffers buffers;
    private final ChannelCloser closer;

    PeerGuardAddOn(long maxFrameBytes, Admission admission, PeerBuffers buffers, ChannelCloser closer) {
        this.maxFrameBytes = maxFrameBytes;
        this.admission = admission;
        this.buffers = buffers;
        this.closer = closer;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        // WebSockets never time out (the keep-alive timeout is off), yet the idle filter kept a record of every
        // connection in a queue (the relay's own deadlines are in PeerBuffers); and the relay serves no files, yet the
        // file cache was looked up with the upgrade request on every read of every socket.
        removeFilter(builder, IdleTimeoutFilter.class);
        removeFilter(builder, FileCacheFilter.class);
        int httpCodec = builder.indexOfType(HttpServerFilter.class);
        if (httpCodec < 0) {
            throw new IllegalStateException("the listener has no HTTP codec to guard");
        }
        builder.add(httpCodec, new OutboundGuard(buffers, closer));
        builder.add(httpCodec, new InboundGuard(maxFrameBytes, admission, buffers, closer));
        builder.add(builder.indexOfType(HttpServerFilter.class), new CodecBypass(closer)); // must stay right before it
        int afterCodec = builder.indexOfType(HttpServerFilter.class) + 1;
        builder.add(afterCodec, new ClientAddressFilter(closer));
        builder.add(afterCodec, new SwitchingProtocols(closer));
        builder.add(1, new WriteCoalescer(closer)); // right above the transport: below TLS, counted by the guard first
    }

    private static void removeFilter(FilterChainBuilder builder, Class<? extends Filter> type) {
        int index = builder.indexOfType(type);
        if (index >= 0) {
            builder.remove(index);
        }
    }
}
