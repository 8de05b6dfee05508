package dev.hiveauth.server.transport;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;

/**
 * Hands the frames of a connection past its 101 ({@link SwitchingProtocols}) to Tyrus around the HTTP codec, which it
 * sits right before: after an upgrade the codec only wrapped each read in an {@link HttpContent}, and it no longer has
 * the request it did that with. Tyrus reads only the content of what an upgraded connection sends it.
 */
final class CodecBypass extends BaseFilter {
    /**
     * The header of every wrapped read, shared by all connections: frames have no HTTP header of their own. A response,
     * so that nothing after the codec can take it for a request to serve or to upgrade, and change it: were a read to
     * reach Tyrus after it let its connection go, Tyrus would fail on it and Grizzly close the socket.
     */
    private static final HttpResponsePacket FRAMES = HttpResponsePacket.builder(HttpRequestPacket.builder()
            .method(Method.GET).uri("/").protocol(Protocol.HTTP_1_1).build()).build();

    private final ChannelCloser closer;

    CodecBypass(ChannelCloser closer) {
        this.closer = closer;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        PeerChannel channel = closer.channel(ctx.getConnection());
        if (channel == null || !channel.switchedProtocols || !(ctx.getMessage() instanceof Buffer frames)) {
            return ctx.getInvokeAction();
        }
        if (!ctx.getConnection().isOpen()) {
            return ctx.getStopAction(); // the last bytes of a closed socket: Tyrus has let it go already
        }
        ctx.setMessage(HttpContent.create(FRAMES, false, frames));
        ctx.nextFilterIdx(); // the codec: the chain goes on after it
        return ctx.getInvokeAction();
    }
}
