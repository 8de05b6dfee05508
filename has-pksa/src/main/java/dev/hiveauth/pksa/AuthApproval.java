package dev.hiveauth.pksa;

import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.Objects;

/**
 * An application asks to be authenticated for an account (and possibly to have a challenge signed).
 *
 * @param account the account
 * @param application the application's name, description and icon as it sent them
 * @param challengeKeyType the key the challenge would be signed with, or null when there is no challenge
 * @param challenge the text to sign, or null
 * @param authExpire when the new authentication would end (epoch ms)
 * @param expire when the request expires (epoch ms)
 */
public record AuthApproval(String account, AuthReqData.App application, KeyType challengeKeyType, String challenge,
                           long authExpire, long expire) implements ApprovalRequest {
    /** Checks that the account and application are present, and a challenge comes with its key type. */
    public AuthApproval {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(application, "application");
        if ((challengeKeyType == null) != (challenge == null)) {
            throw new IllegalArgumentException("challenge and its key type go together");
        }
    }

    @Override
    public String app() {
        return application.name();
    }
}
