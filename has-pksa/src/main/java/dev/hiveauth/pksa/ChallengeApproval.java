package dev.hiveauth.pksa;

import dev.hiveauth.protocol.payload.KeyType;
import java.util.Objects;

/**
 * An application asks to have a text signed (or, with {@code decrypt}, an encrypted memo decrypted) with one
 * of the account's keys.
 *
 * @param account the account whose key is used
 * @param app the application's name stored with the authentication
 * @param keyType posting, active or memo
 * @param challenge the text to sign or the memo to decrypt
 * @param decrypt true to decrypt instead of signing
 * @param expire when the request expires (epoch ms)
 */
public record ChallengeApproval(String account, String app, KeyType keyType, String challenge, boolean decrypt,
                                long expire) implements ApprovalRequest {
    /** Checks that the account, app, key type and challenge are present. */
    public ChallengeApproval {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(challenge, "challenge");
    }
}
