package dev.hiveauth.server.transport;

import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;

/**
 * Tells the parsed upgrade request who the client is — the address a PROXY header declared, or the peer's — so that
 * the WebSocket session Tyrus makes of it carries that address ({@code TyrusSession.getRemoteAddr()}) to the relay's
 * limits per address. Sits right after the HTTP codec.
 */
final class ClientAddressFilter extends BaseFilter {
    private final ChannelCloser closer;

    ClientAddressFilter(ChannelCloser closer) {
        this.closer = closer;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpRequestPacket request) {
            PeerChannel channel = closer.channel(ctx.getConnection());
            if (channel != null && !channel.addressPassedUp && channel.clientAddress != null) {
                request.remoteAddr().setString(channel.clientAddress.getHostAddress());
                channel.addressPassedUp = true;
            }
        }
        return ctx.getInvokeAction();
    }
}
