package dev.hiveauth.it.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Makes hostile frames from a corpus of valid HAS messages: flipped and dropped characters, truncation,
 * swapped value types, absurd numbers, deep nesting, control and surrogate characters, random text and
 * bytes. Seeded, so a failing run can be replayed.
 */
final class FrameMutator {
    private static final List<String> CORPUS = List.of(
            "{\"cmd\":\"key_req\"}",
            "{\"cmd\":\"register_req\",\"app\":\"fuzz\",\"accounts\":[{\"name\":\"alice\",\"pok\":\"#abc\"}]}",
            "{\"cmd\":\"register_req\",\"app\":\"fuzz\",\"accounts\":[{\"name\":\"alice\",\"key_type\":\"posting\",\"challenge\":\"#x\"}]}",
            "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+abc\",\"auth_key\":\"k\",\"token\":\"t\"}",
            "{\"cmd\":\"sign_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+abc\"}",
            "{\"cmd\":\"challenge_req\",\"account\":\"alice\",\"data\":\"U2FsdGVkX1+abc\"}",
            "{\"cmd\":\"auth_ack\",\"uuid\":\"9b0e2dc3-f574-4766-abdd-c429dce11284\",\"data\":\"d\",\"pok\":\"#abc\"}",
            "{\"cmd\":\"auth_nack\",\"uuid\":\"9b0e2dc3-f574-4766-abdd-c429dce11284\",\"data\":\"d\"}",
            "{\"cmd\":\"sign_ack\",\"uuid\":\"9b0e2dc3-f574-4766-abdd-c429dce11284\",\"broadcast\":true,\"data\":{\"a\":[1,2]}}",
            "{\"cmd\":\"sign_err\",\"uuid\":\"u\",\"error\":\"e\",\"pok\":\"#p\"}",
            "{\"cmd\":\"challenge_ack\",\"uuid\":\"u\",\"data\":\"d\",\"pok\":\"#p\"}",
            "{\"cmd\":\"attach_req\",\"uuid\":\"9b0e2dc3-f574-4766-abdd-c429dce11284\"}",
            "{\"cmd\":\"connected\",\"timeout\":60,\"version\":\"x\",\"protocol\":1}",
            "{\"cmd\":\"auth_wait\"}",
            "{\"cmd\":\"error\",\"error\":\"boom\"}",
            "ping");
    private static final List<String> VALUES = List.of("null", "true", "0", "-1", "1.5", "1e999", "-9223372036854775809",
            "99999999999999999999999", "[]", "{}", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "[[[[]]]]", "\"x\"");

    private final Random random;

    FrameMutator(long seed) {
        this.random = new Random(seed);
    }

    /** The next hostile text frame (at most {@code maxChars} characters). */
    String next(int maxChars) {
        String frame = switch (random.nextInt(12)) {
            case 0 -> randomText(random.nextInt(200));
            case 1 -> flip(pick());
            case 2 -> truncate(pick());
            case 3 -> swapValue(pick());
            case 4 -> dropField(pick());
            case 5 -> nested(1 + random.nextInt(3000));
            case 6 -> pick().replace("alice", randomText(1 + random.nextInt(40)));
            case 7 -> pick() + pick();
            case 8 -> withExtraField(pick());
            case 9 -> "{\"cmd\":" + value() + "}";
            case 10 -> longString(1000 + random.nextInt(20_000));
            default -> pick();
        };
        return frame.length() <= maxChars ? frame : frame.substring(0, maxChars);
    }

    /** Random bytes for a binary frame, which the protocol does not have. */
    byte[] nextBinary() {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    boolean binaryNow() {
        return random.nextInt(50) == 0;
    }

    private String pick() {
        return CORPUS.get(random.nextInt(CORPUS.size()));
    }

    private String value() {
        return VALUES.get(random.nextInt(VALUES.size()));
    }

    private String flip(String frame) {
        char[] chars = frame.toCharArray();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && chars.length > 0; i++) {
            chars[random.nextInt(chars.length)] = validChar(random.nextInt(0x3000));
        }
        return new String(chars);
    }

    private String truncate(String frame) {
        return frame.substring(0, random.nextInt(frame.length() + 1));
    }

    private String swapValue(String frame) {
        int colon = frame.indexOf(':', random.nextInt(Math.max(1, frame.length())));
        if (colon < 0) {
            return frame;
        }
        int end = colon + 1;
        while (end < frame.length() && frame.charAt(end) != ',' && frame.charAt(end) != '}') {
            end++;
        }
        return frame.substring(0, colon + 1) + value() + frame.substring(end);
    }

    private String dropField(String frame) {
        int comma = frame.indexOf(',', random.nextInt(Math.max(1, frame.length())));
        if (comma < 0) {
            return frame;
        }
        int next = frame.indexOf(',', comma + 1);
        return frame.substring(0, comma) + (next < 0 ? "}" : frame.substring(next));
    }

    private String withExtraField(String frame) {
        int brace = frame.indexOf('{');
        return brace < 0 ? frame
                : frame.substring(0, brace + 1) + "\"" + randomText(5) + "\":" + value() + "," + frame.substring(brace + 1);
    }

    private static String nested(int depth) {
        return "{\"cmd\":\"sign_ack\",\"uuid\":\"u\",\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    private String longString(int length) {
        return "{\"cmd\":\"auth_req\",\"account\":\"alice\",\"data\":\"" + "A".repeat(length) + "\"}";
    }

    /**
     * A text frame must be valid UTF-8, so a raw lone surrogate cannot be sent (the client refuses to encode it);
     * escaped ones ({@code "\\ud800"} in JSON) are among the values instead.
     */
    private static char validChar(int code) {
        return code >= 0xD800 && code <= 0xDFFF ? '\uFFFD' : (char) code;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append(kind < 6 ? (char) (32 + random.nextInt(95)) : kind < 8 ? (char) random.nextInt(32)
                    : validChar(0x80 + random.nextInt(0xFF00)));
        }
        return text.toString();
    }
}
