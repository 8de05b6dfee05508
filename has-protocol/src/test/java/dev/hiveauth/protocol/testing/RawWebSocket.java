package dev.hiveauth.protocol.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket peer written byte by byte over a plain socket, for what a well-behaved client never does: stop reading,
 * ping without end, stall in its handshake, leave a frame unfinished. It reads only when the test asks.
 */
public final class RawWebSocket implements AutoCloseable {
    private static final String UPGRADE = "GET / HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    /** What {@link #readUntilClosed()} returns when the server cut the connection off without a close frame. */
    public static final int CUT_OFF = -1;
    /** What {@link #readUntilClosed()} returns when the connection was still open after {@link #READ_TIMEOUT_MS}. */
    public static final int STILL_OPEN = -2;
    private static final int READ_TIMEOUT_MS = 60_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A TCP connection only: no byte of the upgrade sent. */
    public static RawWebSocket tcp(URI server, int receiveBuffer) throws IOException {
        return tcp(server, receiveBuffer, null);
    }

    /** A TCP connection from {@code from} (e.g. 127.0.0.2: another client on loopback), or any when null. */
    public static RawWebSocket tcp(URI server, int receiveBuffer, InetAddress from) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MS); // a test that waits for a close the server never sends fails, not hangs
        return new RawWebSocket(socket);
    }

    /** A connection that completed its upgrade (the 101 read, nothing else). */
    public static RawWebSocket upgraded(URI server, int receiveBuffer) throws IOException {
        return upgraded(server, receiveBuffer, null, new byte[0]);
    }

    /**
     * A connection from {@code from} (any when null) that sent {@code preamble} (e.g. a PROXY protocol header), then
     * completed its upgrade.
     */
    public static RawWebSocket upgraded(URI server, int receiveBuffer, InetAddress from, byte[] preamble)
            throws IOException {
        RawWebSocket peer = tcp(server, receiveBuffer, from);
        peer.out.write(preamble);
        peer.out.write(String.format(UPGRADE, server.getHost(), server.getPort()).getBytes(StandardCharsets.US_ASCII));
        peer.out.flush();
        peer.readResponseHeaders();
        return peer;
    }

    private void readResponseHeaders() throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** Bytes as they are, e.g. half an upgrade request. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendText(String text) throws IOException {
        frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Several text frames in one write: they reach the server back to back, as a burst. */
    public void sendTexts(List<String> texts) throws IOException {
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (String text : texts) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            burst.writeBytes(encode(0x1, true, payload.length, payload));
        }
        out.write(burst.toByteArray());
        out.flush();
    }

    /**
     * One text message in {@code fragments} frames (a text frame, then continuations, the last one final), with a
     * ping between each two, as RFC 6455 allows; all in one write.
     */
    public void sendTextInFragments(String text, int fragments) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int step = (payload.length + fragments - 1) / fragments;
        for (int i = 0; i < fragments; i++) {
            byte[] piece = Arrays.copyOfRange(payload, Math.min(i * step, payload.length),
                    Math.min((i + 1) * step, payload.length));
            message.writeBytes(encode(i == 0 ? 0x1 : 0x0, i == fragments - 1, piece.length, piece));
            if (i < fragments - 1) {
                message.writeBytes(encode(0x9, true, 1, new byte[] {(byte) 'p'}));
            }
        }
        out.write(message.toByteArray());
        out.flush();
    }

    public void ping() throws IOException {
        frame(0x9, new byte[] {'p'});
    }

    /** A text frame without the mask every client frame must carry (RFC 6455 §5.1). */
    public void sendUnmaskedText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("short texts only");
        }
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        out.write(frame);
        out.flush();
    }

    /** A ping with {@code size} bytes of payload (at most 125, a control frame's limit). */
    public void ping(int size) throws IOException {
        frame(0x9, new byte[size]);
    }

    /**
     * The first {@code sent} bytes of a text frame that declares {@code declared} bytes: the rest never comes, and the
     * server holds what came until the frame is finished or the connection ends.
     */
    public void unfinishedText(int declared, int sent) throws IOException {
        frame(0x1, declared, new byte[sent]);
    }

    /** One masked frame, FIN set, as a client must send it. */
    private void frame(int opcode, byte[] payload) throws IOException {
        frame(opcode, payload.length, payload);
    }

    private void frame(int opcode, long declared, byte[] payload) throws IOException {
        out.write(encode(opcode, true, declared, payload));
        out.flush();
    }

    /** One masked frame that declares {@code declared} payload bytes and carries {@code payload}. */
    private static byte[] encode(int opcode, boolean last, long declared, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((last ? 0x80 : 0) | opcode);
        if (declared < 126) {
            frame.write(0x80 | (int) declared);
        } else if (declared < 65_536) {
            frame.write(0x80 | 126);
            frame.write((int) (declared >> 8));
            frame.write((int) (declared & 0xFF));
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (declared >> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /**
     * Reads frames until the server closes: the code of its close frame, {@link #CUT_OFF} when the connection ended
     * without one, {@link #STILL_OPEN} when nothing ended it for a minute.
     */
    public int readUntilClosed() {
        try {
            while (true) {
                Frame frame = readFrame();
                if (frame == null) {
                    return CUT_OFF;
                }
                if (frame.opcode() == 0x8) {
                    byte[] payload = frame.payload();
                    return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                }
            }
        } catch (SocketTimeoutException e) {
            return STILL_OPEN;
        } catch (IOException e) {
            return CUT_OFF; // reset by the server
        }
    }

    /** The next text message (pings and pongs skipped), or null when the connection ended or closed. */
    public String readText() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame == null || frame.opcode() == 0x8) {
                return null;
            }
            if (frame.opcode() == 0x1) {
                return new String(frame.payload(), StandardCharsets.UTF_8);
            }
        }
    }

    private record Frame(int opcode, byte[] payload) {
    }

    /** One unmasked server frame (the relay never fragments), or null at the end of the stream. */
    private Frame readFrame() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = in.read();
        long length = second & 0x7F;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | in.read();
            }
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            return null;
        }
        return new Frame(first & 0x0F, payload);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
