package dev.hiveauth.server.transport;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/** Puts the {@link FrameSizeGuard} on a listener, after TLS and before HTTP parsing. */
final class FrameSizeGuardAddOn implements AddOn {
    private final long maxFrameBytes;

    FrameSizeGuardAddOn(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int httpCodec = builder.indexOfType(HttpServerFilter.class);
        if (httpCodec < 0) {
            throw new IllegalStateException("the listener has no HTTP codec to guard");
        }
        builder.add(httpCodec, new FrameSizeGuard(maxFrameBytes));
    }
}
