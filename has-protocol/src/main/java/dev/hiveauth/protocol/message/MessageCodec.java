package dev.hiveauth.protocol.message;

import dev.hiveauth.protocol.json.MalformedJsonException;
import dev.hiveauth.protocol.json.StrictJson;

/**
 * Turns a WebSocket text frame into a {@link HasMessage} and back; the only place that reads or writes
 * message JSON. Stateless and thread-safe.
 *
 * <p>Decoding is strict about what it reads and lenient about what it ignores: unknown fields are ignored,
 * but a known field of the wrong type is an error (a number is never read as a string), integers must be
 * integer literals within range (no negative {@code expire}, no {@code 1.5}), duplicate keys, trailing
 * data and nesting deeper than {@value StrictJson#MAX_DEPTH} are refused. Encoding writes compact JSON,
 * {@code cmd} first, optional fields omitted when absent, strings escaped as {@code JSON.stringify} does.
 */
public final class MessageCodec {
    private MessageCodec() {
    }

    /**
     * The message in {@code frame}.
     *
     * @throws ProtocolException with a reason that can be sent to the peer, e.g. {@code message is not valid
     *     JSON}, {@code unknown cmd "foo"}, {@code auth_req: "account" is required}
     */
    public static HasMessage decode(String frame) {
        try {
            return MessageReader.read(StrictJson.parseObject(frame));
        } catch (MalformedJsonException e) {
            throw new ProtocolException(describe(e));
        }
    }

    /** The compact JSON text of {@code message}. */
    public static String encode(HasMessage message) {
        return MessageWriter.write(message);
    }

    private static String describe(MalformedJsonException e) {
        switch (e.kind()) {
            case EMPTY:
                return "message is empty";
            case NOT_OBJECT:
                return "message must be a JSON object";
            case TRAILING_DATA:
                return "message has trailing data after the JSON value";
            case DUPLICATE_KEY:
                return "message has a " + e.getMessage();
            case TOO_DEEP:
                return "message is " + e.getMessage();
            case TOO_LONG:
                return "message has a value that is too long";
            case SYNTAX:
            default:
                return "message is not valid JSON";
        }
    }
}
