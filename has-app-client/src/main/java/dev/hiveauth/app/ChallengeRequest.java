package dev.hiveauth.app;

import dev.hiveauth.protocol.payload.KeyType;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A text for the wallet that granted an {@link Auth} to sign with one of the account's keys, or an encrypted
 * memo for it to decrypt. Immutable; made with {@link #newBuilder(Auth)}.
 *
 * <pre>{@code
 * ChallengeRequest proof = ChallengeRequest.newBuilder(auth).keyType(KeyType.ACTIVE).text("prove it").build();
 * }</pre>
 */
public final class ChallengeRequest {
    private final Auth auth;
    private final KeyType keyType;
    private final String text;
    private final boolean decrypt;
    private final Consumer<? super RequestAccepted> onWait;

    private ChallengeRequest(Builder builder) {
        this.auth = builder.auth;
        this.keyType = builder.keyType;
        this.text = builder.text;
        this.decrypt = builder.decrypt;
        this.onWait = builder.onWait;
    }

    /** A builder for a challenge under {@code auth}. */
    public static Builder newBuilder(Auth auth) {
        return new Builder(auth);
    }

    /** The authentication the challenge goes through. */
    public Auth auth() {
        return auth;
    }

    /** The key to sign with: posting, active or memo. */
    public KeyType keyType() {
        return keyType;
    }

    /** The text to sign, or the memo to decrypt. */
    public String text() {
        return text;
    }

    /** True: {@link #text()} is a {@code #…} memo to decrypt rather than a text to sign. */
    public boolean decrypt() {
        return decrypt;
    }

    /** Told when the relay took the request, or null. */
    public Consumer<? super RequestAccepted> onWait() {
        return onWait;
    }

    @Override
    public String toString() {
        return "ChallengeRequest[account=" + auth.account() + ", keyType=" + keyType.jsonName()
                + (decrypt ? ", decrypt" : "") + "]";
    }

    /** Builds a {@link ChallengeRequest}. */
    public static final class Builder {
        private final Auth auth;
        private KeyType keyType;
        private String text;
        private boolean decrypt;
        private Consumer<? super RequestAccepted> onWait;

        private Builder(Auth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
        }

        /** Posting, active or memo (required). */
        public Builder keyType(KeyType keyType) {
            this.keyType = Objects.requireNonNull(keyType, "keyType");
            return this;
        }

        /** The text to sign, or the memo to decrypt (required). */
        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        /** Ask the wallet to decrypt {@link #text(String)} (a {@code #…} memo) instead of signing it. */
        public Builder decrypt(boolean decrypt) {
            this.decrypt = decrypt;
            return this;
        }

        /** Told when the relay took the request. */
        public Builder onWait(Consumer<? super RequestAccepted> onWait) {
            this.onWait = Objects.requireNonNull(onWait, "onWait");
            return this;
        }

        /** The request. */
        public ChallengeRequest build() {
            if (keyType == null || text == null) {
                throw new IllegalStateException("a challenge request needs keyType(..) and text(..)");
            }
            if (decrypt && !text.startsWith("#")) {
                throw new IllegalArgumentException("only an encrypted memo (starting with '#') can be decrypted");
            }
            return new ChallengeRequest(this);
        }
    }
}
