package dev.hiveauth.server.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.glassfish.grizzly.Buffer;

/**
 * The PROXY protocol header a load balancer (HAProxy, nginx, AWS NLB) puts before a connection's first byte, naming
 * the client it forwards: version 1 ({@code PROXY TCP4 203.0.113.7 192.0.2.1 51234 443\r\n}) or version 2 (binary,
 * with a 12-byte signature). A {@code LOCAL} (v2) or {@code UNKNOWN} (v1) header — the balancer's own health check —
 * names no client: the connection's own peer counts.
 */
final class ProxyHeader {
    /** Version 1's longest header, per the specification. */
    static final int V1_MAX_BYTES = 107;
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    /** A v2 header's addresses and extensions: far more than any balancer sends, far less than memory cares about. */
    private static final int V2_MAX_BODY = 4_096;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** What the bytes so far amount to: a header of {@code length} bytes, not yet one, or not one at all. */
    record Result(Status status, int length, InetAddress client, String problem) {
        static Result incomplete() {
            return new Result(Status.INCOMPLETE, 0, null, null);
        }

        static Result invalid(String problem) {
            return new Result(Status.INVALID, 0, null, problem);
        }

        static Result parsed(int length, InetAddress client) {
            return new Result(Status.PARSED, length, client, null);
        }
    }

    enum Status { PARSED, INCOMPLETE, INVALID }

    private ProxyHeader() {
    }

    /** Reads the header at the start of {@code buffer} (from its position), without consuming anything. */
    static Result parse(Buffer buffer) {
        int start = buffer.position();
        int available = buffer.remaining();
        if (available == 0) {
            return Result.incomplete();
        }
        byte first = buffer.get(start);
        if (first == V2_SIGNATURE[0]) {
            return parseV2(buffer, start, available);
        }
        if (first == V1_PREFIX[0]) {
            return parseV1(buffer, start, available);
        }
        return Result.invalid("the connection did not start with a PROXY protocol header");
    }

    private static Result parseV1(Buffer buffer, int start, int available) {
        for (int i = 0; i < Math.min(available, V1_PREFIX.length); i++) {
            if (buffer.get(start + i) != V1_PREFIX[i]) {
                return Result.invalid("the connection did not start with a PROXY protocol header");
            }
        }
        int end = -1;
        for (int i = 1; i < Math.min(available, V1_MAX_BYTES); i++) {
            if (buffer.get(start + i - 1) == '\r' && buffer.get(start + i) == '\n') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            return available >= V1_MAX_BYTES ? Result.invalid("a PROXY v1 header longer than 107 bytes")
                    : Result.incomplete();
        }
        byte[] line = new byte[end - 2];
        for (int i = 0; i < line.length; i++) {
            line[i] = buffer.get(start + i);
        }
        String[] fields = new String(line, StandardCharsets.US_ASCII).split(" ");
        if (fields.length >= 2 && fields[1].equals("UNKNOWN")) {
            return Result.parsed(end, null);
        }
        if (fields.length != 6 || !(fields[1].equals("TCP4") || fields[1].equals("TCP6"))) {
            return Result.invalid("a malformed PROXY v1 header");
        }
        InetAddress client = literal(fields[2], fields[1].equals("TCP4") ? 4 : 16);
        return client == null ? Result.invalid("a PROXY v1 header with a malformed address") : Result.parsed(end, client);
    }

    private static Result parseV2(Buffer buffer, int start, int available) {
        for (int i = 0; i < Math.min(available, V2_SIGNATURE.length); i++) {
            if (buffer.get(start + i) != V2_SIGNATURE[i]) {
                return Result.invalid("the connection did not start with a PROXY protocol header");
            }
        }
        if (available < 16) {
            return Result.incomplete();
        }
        int versionCommand = buffer.get(start + 12) & 0xFF;
        int family = buffer.get(start + 13) & 0xFF;
        int bodyLength = ((buffer.get(start + 14) & 0xFF) << 8) | (buffer.get(start + 15) & 0xFF);
        if (versionCommand >> 4 != 2 || (versionCommand & 0x0F) > 1) {
            return Result.invalid("a PROXY v2 header of an unknown version or command");
        }
        if (bodyLength > V2_MAX_BODY) {
            return Result.invalid("a PROXY v2 header of " + bodyLength + " bytes");
        }
        int length = 16 + bodyLength;
        if (available < length) {
            return Result.incomplete();
        }
        if ((versionCommand & 0x0F) == 0) {
            return Result.parsed(length, null); // LOCAL: the balancer itself
        }
        int addressBytes = switch (family >> 4) {
            case 1 -> 4;   // AF_INET
            case 2 -> 16;  // AF_INET6
            default -> 0;  // AF_UNSPEC, AF_UNIX: no client address to use
        };
        if (addressBytes == 0) {
            return Result.parsed(length, null);
        }
        if (bodyLength < 2 * addressBytes + 4) {
            return Result.invalid("a PROXY v2 header too short for its addresses");
        }
        byte[] source = new byte[addressBytes];
        for (int i = 0; i < addressBytes; i++) {
            source[i] = buffer.get(start + 16 + i);
        }
        try {
            return Result.parsed(length, InetAddress.getByAddress(source));
        } catch (UnknownHostException e) {
            return Result.invalid("a PROXY v2 header with a malformed address");
        }
    }

    /** An IP literal of the expected size, or null; never a name lookup. */
    private static InetAddress literal(String text, int bytes) {
        boolean literal = bytes == 4 ? IPV4.matcher(text).matches()
                : text.length() <= 45 && text.indexOf(':') >= 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0
                        || c == '.' || c == ':');
        if (!literal) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(text); // a literal (dotted quad, or with a colon): no lookup
            return address.getAddress().length == bytes ? address : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
