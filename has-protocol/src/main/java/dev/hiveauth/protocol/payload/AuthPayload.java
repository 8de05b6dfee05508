package dev.hiveauth.protocol.payload;

import dev.hiveauth.protocol.json.JsonFields;
import dev.hiveauth.protocol.json.JsonWriter;
import dev.hiveauth.protocol.json.MalformedJsonException;
import dev.hiveauth.protocol.json.StrictJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The authentication payload an APP hands to the PKSA out of band (QR code or deep link), never through
 * the HAS: {@code has://auth_req/} + standard Base64 (with padding) of the compact JSON
 * {@code {"account","uuid","key","host"}}, keys in that order, byte for byte what
 * {@code btoa(JSON.stringify(payload))} gives.
 *
 * <p>{@link #parse} is lenient only about what a scanner or a link handler adds: surrounding whitespace, a
 * trailing {@code /} (never the last character of such a payload's Base64), missing {@code =} padding.
 * It refuses URL-safe Base64, which {@code atob}-based PKSAs (HiveAuth Mobile) cannot read either.
 *
 * @param account the account being authenticated
 * @param uuid the request id from {@code auth_wait}; the PKSA only answers the forwarded request with it
 * @param key the {@code auth_key}
 * @param host the HAS the APP is connected to, e.g. {@code wss://has.example.org}
 */
public record AuthPayload(String account, String uuid, String key, String host) {
    /** What every {@code has://auth_req/} link starts with. */
    public static final String PREFIX = "has://auth_req/";

    /** Checks that the account, uuid, key and host are present. */
    public AuthPayload {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(host, "host");
    }

    /** The compact JSON, keys in the order account, uuid, key, host. */
    public String toJson() {
        return new JsonWriter().beginObject()
                .field("account", account)
                .field("uuid", uuid)
                .field("key", key)
                .field("host", host)
                .endObject()
                .toString();
    }

    /** {@code has://auth_req/<Base64>}. */
    public String toUri() {
        return PREFIX + Base64.getEncoder().encodeToString(toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The payload of a {@code has://auth_req/…} URI.
     *
     * @throws PayloadException saying what is wrong, e.g. {@code not a has://auth_req/ URI},
     *     {@code payload is not Base64}, {@code payload: "uuid" is required}
     */
    public static AuthPayload parse(String uri) {
        String text = uri.strip();
        if (!text.startsWith(PREFIX)) {
            throw new PayloadException("not a " + PREFIX + " URI");
        }
        String base64 = text.substring(PREFIX.length());
        if (base64.endsWith("/")) {
            base64 = base64.substring(0, base64.length() - 1);
        }
        if (base64.isEmpty()) {
            throw new PayloadException("payload is empty");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new PayloadException("payload is not Base64");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PayloadException("payload is not UTF-8 text");
        }
        JsonFields f;
        try {
            f = JsonFields.of(StrictJson.parseObject(json), "payload", PayloadException::new);
        } catch (MalformedJsonException e) {
            switch (e.kind()) {
                case NOT_OBJECT:
                    throw new PayloadException("payload must be a JSON object");
                case EMPTY:
                case SYNTAX:
                case TRAILING_DATA:
                    throw new PayloadException("payload is not JSON");
                default:
                    throw new PayloadException("payload: " + e.getMessage());
            }
        }
        return new AuthPayload(f.string("account"), f.string("uuid"), f.string("key"), f.string("host"));
    }

    /** Never shows {@code key}: the auth_key is the secret the HAS must never learn, so it must not reach a log. */
    @Override
    public String toString() {
        return "AuthPayload[account=" + account + ", uuid=" + uuid + ", host=" + host + "]";
    }
}
