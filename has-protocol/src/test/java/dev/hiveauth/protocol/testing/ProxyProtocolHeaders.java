package dev.hiveauth.protocol.testing;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * PROXY protocol headers as a load balancer writes them before the bytes it forwards (HAProxy's specification):
 * version 1 is a text line, version 2 a binary block after a 12-byte signature.
 */
public final class ProxyProtocolHeaders {
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyProtocolHeaders() {
    }

    /** {@code PROXY TCP4|TCP6 client server clientPort serverPort\r\n}. */
    public static byte[] v1(InetAddress client, int clientPort, InetAddress server, int serverPort) {
        String family = client instanceof Inet4Address ? "TCP4" : "TCP6";
        return ("PROXY " + family + " " + client.getHostAddress() + " " + server.getHostAddress() + " " + clientPort
                + " " + serverPort + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Version 2, command PROXY over TCP, with the two addresses and ports and no extensions. */
    public static byte[] v2(InetAddress client, int clientPort, InetAddress server, int serverPort) {
        boolean ipv4 = client instanceof Inet4Address;
        byte[] source = client.getAddress();
        byte[] destination = server.getAddress();
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(V2_SIGNATURE);
        header.write(0x21);               // version 2, command PROXY
        header.write(ipv4 ? 0x11 : 0x21); // TCP over IPv4 or IPv6
        int length = 2 * source.length + 4;
        header.write(length >> 8);
        header.write(length & 0xFF);
        header.writeBytes(source);
        header.writeBytes(destination);
        header.write(clientPort >> 8);
        header.write(clientPort & 0xFF);
        header.write(serverPort >> 8);
        header.write(serverPort & 0xFF);
        return header.toByteArray();
    }

    /** Version 2, command LOCAL: the balancer's own connection (a health check), naming no client. */
    public static byte[] v2Local() {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(V2_SIGNATURE);
        header.write(0x20);
        header.write(0x00);
        header.write(0);
        header.write(0);
        return header.toByteArray();
    }
}
