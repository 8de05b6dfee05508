package dev.hiveauth.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.testing.ProxyProtocolHeaders;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

/** The PROXY protocol header a load balancer sends first: versions 1 and 2, whole, in part, or not at all. */
class ProxyHeaderTest {
    private static final byte[] UPGRADE = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

    private static ProxyHeader.Result parse(byte[] bytes) {
        return ProxyHeader.parse(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, bytes));
    }

    private static byte[] join(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    @Test
    void versionOneNamesTheClient_overIpv4AndIpv6() throws Exception {
        byte[] v4 = ProxyProtocolHeaders.v1(InetAddress.getByName("203.0.113.7"), 51234,
                InetAddress.getByName("192.0.2.1"), 443);
        ProxyHeader.Result parsed = parse(join(v4, UPGRADE));
        assertThat(parsed.status()).isEqualTo(ProxyHeader.Status.PARSED);
        assertThat(parsed.length()).isEqualTo(v4.length);
        assertThat(parsed.client()).isEqualTo(InetAddress.getByName("203.0.113.7"));

        byte[] v6 = ProxyProtocolHeaders.v1(InetAddress.getByName("2001:db8::7"), 1, InetAddress.getByName("2001:db8::1"),
                443);
        assertThat(parse(v6).client()).isEqualTo(InetAddress.getByName("2001:db8::7"));
        assertThat(parse("PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII)).client()).isNull();
    }

    @Test
    void versionTwoNamesTheClient_andLocalNamesNone() throws Exception {
        byte[] v2 = ProxyProtocolHeaders.v2(InetAddress.getByName("198.51.100.9"), 40000,
                InetAddress.getByName("192.0.2.1"), 443);
        ProxyHeader.Result parsed = parse(join(v2, UPGRADE));
        assertThat(parsed.status()).isEqualTo(ProxyHeader.Status.PARSED);
        assertThat(parsed.length()).isEqualTo(28);
        assertThat(parsed.client()).isEqualTo(InetAddress.getByName("198.51.100.9"));

        byte[] v6 = ProxyProtocolHeaders.v2(InetAddress.getByName("2001:db8::9"), 1, InetAddress.getByName("2001:db8::1"),
                443);
        assertThat(parse(v6).client()).isEqualTo(InetAddress.getByName("2001:db8::9"));
        ProxyHeader.Result local = parse(ProxyProtocolHeaders.v2Local());
        assertThat(local.status()).isEqualTo(ProxyHeader.Status.PARSED);
        assertThat(local.client()).isNull();
    }

    @Test
    void aHeaderInPartWaitsForTheRest() throws Exception {
        byte[] v1 = ProxyProtocolHeaders.v1(InetAddress.getByName("203.0.113.7"), 1, InetAddress.getByName("192.0.2.1"), 2);
        byte[] v2 = ProxyProtocolHeaders.v2(InetAddress.getByName("203.0.113.7"), 1, InetAddress.getByName("192.0.2.1"), 2);
        for (int cut = 1; cut < v1.length; cut++) {
            assertThat(parse(Arrays.copyOf(v1, cut)).status()).as("v1, %d bytes", cut)
                    .isEqualTo(ProxyHeader.Status.INCOMPLETE);
        }
        for (int cut = 1; cut < v2.length; cut++) {
            assertThat(parse(Arrays.copyOf(v2, cut)).status()).as("v2, %d bytes", cut)
                    .isEqualTo(ProxyHeader.Status.INCOMPLETE);
        }
    }

    @Test
    void anythingElseIsRefused_withoutAnyNameLookup() {
        assertThat(parse(UPGRADE).problem()).isEqualTo("the connection did not start with a PROXY protocol header");
        assertThat(parse("PROXY TCP4 example.com 192.0.2.1 1 2\r\n".getBytes(StandardCharsets.US_ASCII)).problem())
                .isEqualTo("a PROXY v1 header with a malformed address");
        assertThat(parse("PROXY TCP4 abc 192.0.2.1 1 2\r\n".getBytes(StandardCharsets.US_ASCII)).problem())
                .isEqualTo("a PROXY v1 header with a malformed address");
        assertThat(parse("PROXY TCP4 1.2.3.4\r\n".getBytes(StandardCharsets.US_ASCII)).problem())
                .isEqualTo("a malformed PROXY v1 header");
        assertThat(parse(("PROXY " + "x".repeat(120)).getBytes(StandardCharsets.US_ASCII)).problem())
                .isEqualTo("a PROXY v1 header longer than 107 bytes");
        byte[] badVersion = ProxyProtocolHeaders.v2Local();
        badVersion[12] = 0x31;
        assertThat(parse(badVersion).problem()).isEqualTo("a PROXY v2 header of an unknown version or command");
    }
}
