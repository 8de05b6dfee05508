package dev.hiveauth.protocol.payload;

import dev.hiveauth.protocol.json.JsonFields;
import dev.hiveauth.protocol.json.JsonWriter;
import java.util.Optional;

/**
 * {@code auth_ack_data}, PKSA→APP inside {@code auth_ack.data}: the authentication is granted until
 * {@code expire}.
 *
 * @param expire when the authentication ends, epoch ms
 * @param challenge the signed challenge when {@code auth_req_data} had one, or null (the field is
 *     {@code challenge} on the wire, as every PKSA sends it, not the APP docs' {@code challenge_data})
 * @param token a session token, or null: Hive Keychain Mobile sends one and needs it back as the top-level
 *     {@code token} of later {@code sign_req}/{@code challenge_req}
 */
public record AuthAckData(long expire, ChallengeAckData challenge, String token) {
    static final String NAME = "auth_ack_data";

    /** Checks that {@code expire} is not negative. */
    public AuthAckData {
        if (expire < 0) {
            throw new IllegalArgumentException("expire must not be negative");
        }
    }

    /** Just the expiry. */
    public AuthAckData(long expire) {
        this(expire, null, null);
    }

    /** Compact JSON. */
    public String toJson() {
        return PayloadJson.write(this::write);
    }

    /** Parses plain JSON; throws {@link PayloadException}. */
    public static AuthAckData fromJson(String json) {
        return PayloadJson.parse(json, NAME, AuthAckData::read);
    }

    /** The {@code data} of an {@code auth_ack}. */
    public String encrypt(String authKey) {
        return PayloadJson.encrypt(toJson(), authKey);
    }

    /**
     * The payload in an {@code auth_ack.data}: empty when it does not decrypt to JSON with {@code authKey}
     * (the APP then ignores the ack).
     *
     * @throws PayloadException when it decrypts but is not a valid {@code auth_ack_data}
     */
    public static Optional<AuthAckData> decrypt(String data, String authKey) {
        return PayloadJson.decrypt(data, authKey, NAME, AuthAckData::read);
    }

    private void write(JsonWriter w) {
        w.field("expire", expire);
        if (challenge != null) {
            w.name("challenge").beginObject();
            challenge.write(w);
            w.endObject();
        }
        w.optionalField("token", token);
    }

    private static AuthAckData read(JsonFields f) {
        long expire = f.nonNegativeLong("expire");
        JsonFields challenge = f.optionalObject("challenge");
        return new AuthAckData(expire, challenge == null ? null : ChallengeAckData.read(challenge),
                f.optionalString("token"));
    }
}
