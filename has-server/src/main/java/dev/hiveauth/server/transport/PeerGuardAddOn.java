package dev.hiveauth.server.transport;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Puts the {@link InboundGuard} and the {@link OutboundGuard} on a listener, after TLS and before the HTTP codec:
 * they see plain WebSocket bytes both ways, before Tyrus buffers any and after it frames them; and the
 * {@link ClientAddressFilter} right after the codec, before Tyrus.
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
        int httpCodec = builder.indexOfType(HttpServerFilter.class);
        if (httpCodec < 0) {
            throw new IllegalStateException("the listener has no HTTP codec to guard");
        }
        builder.add(httpCodec, new OutboundGuard(buffers, closer));
        builder.add(httpCodec, new InboundGuard(maxFrameBytes, admission, buffers, closer));
        builder.add(builder.indexOfType(HttpServerFilter.class) + 1, new ClientAddressFilter(closer));
    }
}
