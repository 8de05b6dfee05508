package dev.hiveauth.server.transport;

import java.io.IOException;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * Sees the server's 101 Switching Protocols leave (right after the HTTP codec, on the way down) and ends HTTP on that
 * connection: it is marked as carrying frames only, for the {@link CodecBypass}, and the codec's parsed upgrade
 * request is let go. The codec would keep that request, with its response and headers, for as long as the connection
 * lives — about 10 KB, two thirds of what an idle connection cost — only to wrap each later read for Tyrus.
 */
final class SwitchingProtocols extends BaseFilter {
    /** Where the codec keeps the request it is parsing, the upgrade request for good once a connection upgraded. */
    private static final Attribute<?> REQUEST_IN_PROCESS =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);

    private final ChannelCloser closer;

    SwitchingProtocols(ChannelCloser closer) {
        this.closer = closer;
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        if (isSwitchingProtocols(ctx.getMessage())) {
            PeerChannel channel = closer.channel(ctx.getConnection());
            if (channel != null) {
                // Marked first: a read that sees the mark goes around the codec, which no longer finds the request.
                channel.switchedProtocols = true;
                channel.switchingProtocolsNow = true;
                REQUEST_IN_PROCESS.remove(ctx.getConnection());
            }
        }
        return ctx.getInvokeAction();
    }

    private static boolean isSwitchingProtocols(Object message) {
        HttpHeader header = message instanceof HttpContent content ? content.getHttpHeader()
                : message instanceof HttpHeader packet ? packet : null;
        return header instanceof HttpResponsePacket response
                && response.getStatus() == HttpStatus.SWITCHING_PROTOCOLS_101.getStatusCode();
    }
}
