package dev.hiveauth.bench.idle;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Opens WebSocket connections as cheaply as a client can (a Tyrus session costs the client far more than
 * the server): a plain socket, the RFC 6455 upgrade request, the 101 answer checked (status and
 * Sec-WebSocket-Accept), and the server's first frame, which must be the HAS {@code connected} message.
 * After that the socket is left alone: an idle peer.
 */
final class RawWebSocketConnector {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int OPCODE_TEXT_FINAL = 0x81;

    private final InetSocketAddress server;
    private final String host;
    private final List<InetAddress> sources;
    private final SecureRandom random = new SecureRandom();

    RawWebSocketConnector(URI server, List<InetAddress> sources) {
        this.server = new InetSocketAddress(server.getHost(), server.getPort());
        this.host = server.getHost() + ":" + server.getPort();
        this.sources = List.copyOf(sources);
    }

    /** Connection number {@code index}, open and past its {@code connected} frame. */
    Socket open(int index) throws IOException {
        Socket socket = new Socket();
        try {
            if (!sources.isEmpty()) {
                // More source addresses, more ephemeral ports: each address has its own 32768-60999 range.
                socket.bind(new InetSocketAddress(sources.get(index % sources.size()), 0));
            }
            socket.connect(server, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            byte[] nonce = new byte[16];
            synchronized (random) {
                random.nextBytes(nonce);
            }
            String key = Base64.getEncoder().encodeToString(nonce);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\n"
                    + "Host: " + host + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            readHandshake(socket.getInputStream(), key);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void readHandshake(InputStream in, String key) throws IOException {
        byte[] buffer = new byte[2048];
        int length = 0;
        int headersEnd = -1;
        while (true) {
            if (headersEnd < 0) {
                headersEnd = indexOf(buffer, length, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (headersEnd >= 0) {
                    checkHeaders(new String(buffer, 0, headersEnd, StandardCharsets.US_ASCII), key);
                    headersEnd += 4;
                }
            }
            if (headersEnd >= 0) {
                String frame = textFrame(buffer, headersEnd, length);
                if (frame != null) {
                    if (!frame.contains("\"cmd\":\"connected\"")) {
                        throw new IOException("first frame is not connected: " + frame);
                    }
                    return;
                }
            }
            if (length == buffer.length) {
                throw new IOException("handshake longer than " + buffer.length + " bytes");
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                throw new IOException("server closed during the handshake");
            }
            length += read;
        }
    }

    private static void checkHeaders(String headers, String key) throws IOException {
        if (!headers.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + headers.lines().findFirst().orElse(""));
        }
        String expected = "sec-websocket-accept: " + accept(key).toLowerCase(Locale.ROOT);
        if (headers.lines().map(line -> line.toLowerCase(Locale.ROOT).trim()).noneMatch(expected::equals)) {
            throw new IOException("upgrade answer lacks the right Sec-WebSocket-Accept");
        }
    }

    /** The unmasked text frame starting at {@code start}, or null while incomplete. */
    private static String textFrame(byte[] buffer, int start, int length) throws IOException {
        if (length - start < 2) {
            return null;
        }
        if ((buffer[start] & 0xFF) != OPCODE_TEXT_FINAL || (buffer[start + 1] & 0x80) != 0) {
            throw new IOException("first frame is not an unmasked, unfragmented text frame");
        }
        int payload = buffer[start + 1] & 0x7F;
        int header = 2;
        if (payload == 126) {
            if (length - start < 4) {
                return null;
            }
            payload = ((buffer[start + 2] & 0xFF) << 8) | (buffer[start + 3] & 0xFF);
            header = 4;
        } else if (payload == 127) {
            throw new IOException("first frame is implausibly long");
        }
        if (length - start - header < payload) {
            return null;
        }
        return new String(buffer, start + header, payload, StandardCharsets.UTF_8);
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static int indexOf(byte[] buffer, int length, byte[] pattern) {
        for (int i = 0; i + pattern.length <= length; i++) {
            if (Arrays.equals(buffer, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
