package dev.hiveauth.protocol.payload;

import dev.hiveauth.protocol.json.JsonFields;
import dev.hiveauth.protocol.json.JsonWriter;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code challenge_req_data}, APP→PKSA inside {@code challenge_req.data}: a text to sign (or, with
 * {@code decrypt}, a memo to decrypt) with one of the account's keys.
 *
 * @param keyType the key to use: posting, active or memo
 * @param challenge the text to sign, or the {@code #…} memo to decrypt
 * @param decrypt true to decrypt instead of sign (absent on the wire means false)
 * @param nonce epoch ms, strictly increasing per authentication, or null: hive-auth-wrapper 1.0 sends none
 */
public record ChallengeReqData(KeyType keyType, String challenge, boolean decrypt, Long nonce) {
    static final String NAME = "challenge_req_data";

    /** Checks that the key type and the challenge are present, and that a nonce is not negative. */
    public ChallengeReqData {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(challenge, "challenge");
        if (nonce != null && nonce < 0) {
            throw new IllegalArgumentException("nonce must not be negative");
        }
    }

    /** Compact JSON. */
    public String toJson() {
        return PayloadJson.write(this::write);
    }

    /** Parses plain JSON; throws {@link PayloadException}. */
    public static ChallengeReqData fromJson(String json) {
        return PayloadJson.parse(json, NAME, ChallengeReqData::read);
    }

    /** The {@code data} of a {@code challenge_req}. */
    public String encrypt(String authKey) {
        return PayloadJson.encrypt(toJson(), authKey);
    }

    /**
     * The payload in a {@code challenge_req.data}: empty when it does not decrypt to JSON with {@code authKey}.
     *
     * @throws PayloadException when it decrypts but is not a valid {@code challenge_req_data}
     */
    public static Optional<ChallengeReqData> decrypt(String data, String authKey) {
        return PayloadJson.decrypt(data, authKey, NAME, ChallengeReqData::read);
    }

    private void write(JsonWriter w) {
        w.field("key_type", keyType.jsonName())
                .field("challenge", challenge)
                .name("decrypt").value(decrypt)
                .optionalField("nonce", nonce);
    }

    private static ChallengeReqData read(JsonFields f) {
        KeyType keyType = KeyType.read(f, "key_type", EnumSet.allOf(KeyType.class));
        String challenge = f.string("challenge");
        Boolean decrypt = f.optionalBool("decrypt");
        return new ChallengeReqData(keyType, challenge, decrypt != null && decrypt, f.optionalNonNegativeLong("nonce"));
    }
}
