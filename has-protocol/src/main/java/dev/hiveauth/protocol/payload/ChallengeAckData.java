package dev.hiveauth.protocol.payload;

import dev.hiveauth.protocol.json.JsonFields;
import dev.hiveauth.protocol.json.JsonWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code challenge_ack_data}, PKSA→APP inside {@code challenge_ack.data} (and inside {@code auth_ack_data}
 * when the authentication carried a challenge).
 *
 * @param pubkey the {@code STM…} public key that signed
 * @param challenge the signature (130 hex characters), or the decrypted text when decryption was asked
 */
public record ChallengeAckData(String pubkey, String challenge) {
    static final String NAME = "challenge_ack_data";

    /** Checks that the public key and the challenge are present. */
    public ChallengeAckData {
        Objects.requireNonNull(pubkey, "pubkey");
        Objects.requireNonNull(challenge, "challenge");
    }

    /** Compact JSON. */
    public String toJson() {
        return PayloadJson.write(this::write);
    }

    /** Parses plain JSON; throws {@link PayloadException}. */
    public static ChallengeAckData fromJson(String json) {
        return PayloadJson.parse(json, NAME, ChallengeAckData::read);
    }

    /** The {@code data} of a {@code challenge_ack}. */
    public String encrypt(String authKey) {
        return PayloadJson.encrypt(toJson(), authKey);
    }

    /**
     * The payload in a {@code challenge_ack.data}: empty when it does not decrypt to JSON with {@code authKey}.
     *
     * @throws PayloadException when it decrypts but is not a valid {@code challenge_ack_data}
     */
    public static Optional<ChallengeAckData> decrypt(String data, String authKey) {
        return PayloadJson.decrypt(data, authKey, NAME, ChallengeAckData::read);
    }

    void write(JsonWriter w) {
        w.field("pubkey", pubkey).field("challenge", challenge);
    }

    static ChallengeAckData read(JsonFields f) {
        return new ChallengeAckData(f.string("pubkey"), f.string("challenge"));
    }
}
