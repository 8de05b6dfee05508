package dev.hiveauth.protocol.payload;

import dev.hiveauth.protocol.json.JsonFields;
import dev.hiveauth.protocol.json.JsonWriter;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code auth_req_data}, APP→PKSA inside {@code auth_req.data}: who is asking, and optionally a challenge to
 * sign in the same round trip.
 *
 * @param app the application
 * @param challenge a challenge for the PKSA to sign with the account's key, or null
 * @param token the deprecated (protocol &lt; 1) session token, or null
 */
public record AuthReqData(App app, Challenge challenge, String token) {
    static final String NAME = "auth_req_data";

    /** Checks that {@code app} is present. */
    public AuthReqData {
        Objects.requireNonNull(app, "app");
    }

    /** Just the application. */
    public AuthReqData(App app) {
        this(app, null, null);
    }

    /**
     * The application asking.
     *
     * @param name a short name ("myapp")
     * @param description a description, or null
     * @param icon the URL of an icon, or null
     */
    public record App(String name, String description, String icon) {
        /** Checks that {@code name} is present. */
        public App {
            Objects.requireNonNull(name, "name");
        }

        /** An application known by its name only. */
        public App(String name) {
            this(name, null, null);
        }
    }

    /**
     * A challenge sent with the authentication (deployed APPs send just these two fields).
     *
     * @param keyType the key to sign with: posting, active or memo
     * @param challenge the text to sign
     */
    public record Challenge(KeyType keyType, String challenge) {
        /** Checks that the key type and the challenge are present. */
        public Challenge {
            Objects.requireNonNull(keyType, "keyType");
            Objects.requireNonNull(challenge, "challenge");
        }
    }

    /** Compact JSON. */
    public String toJson() {
        return PayloadJson.write(this::write);
    }

    /** Parses plain JSON; throws {@link PayloadException}. */
    public static AuthReqData fromJson(String json) {
        return PayloadJson.parse(json, NAME, AuthReqData::read);
    }

    /** The {@code data} of an {@code auth_req}. */
    public String encrypt(String authKey) {
        return PayloadJson.encrypt(toJson(), authKey);
    }

    /**
     * The payload in an {@code auth_req.data}: empty when it does not decrypt to JSON with {@code authKey}.
     *
     * @throws PayloadException when it decrypts but is not a valid {@code auth_req_data}
     */
    public static Optional<AuthReqData> decrypt(String data, String authKey) {
        return PayloadJson.decrypt(data, authKey, NAME, AuthReqData::read);
    }

    private void write(JsonWriter w) {
        w.name("app").beginObject()
                .field("name", app.name())
                .optionalField("description", app.description())
                .optionalField("icon", app.icon())
                .endObject();
        if (challenge != null) {
            w.name("challenge").beginObject()
                    .field("key_type", challenge.keyType().jsonName())
                    .field("challenge", challenge.challenge())
                    .endObject();
        }
        w.optionalField("token", token);
    }

    private static AuthReqData read(JsonFields f) {
        JsonFields app = f.object("app");
        App parsedApp = new App(app.string("name"), app.optionalString("description"), app.optionalString("icon"));
        JsonFields challenge = f.optionalObject("challenge");
        Challenge parsedChallenge = challenge == null
                ? null
                : new Challenge(KeyType.read(challenge, "key_type", EnumSet.allOf(KeyType.class)),
                        challenge.string("challenge"));
        return new AuthReqData(parsedApp, parsedChallenge, f.optionalString("token"));
    }
}
