package dev.hiveauth.app;

import dev.hiveauth.protocol.chain.AccountName;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A login to ask for: which account, which application asks, optionally a challenge for the wallet to sign in the
 * same round trip, and what to do with the {@code has://} link while the user decides. Immutable; made with
 * {@link #newBuilder(String)}.
 *
 * <pre>{@code
 * AuthRequest login = AuthRequest.newBuilder("alice")
 *         .app("myapp")
 *         .challenge(KeyType.POSTING, "login to myapp at " + Instant.now())
 *         .onWait(prompt -> showQrCode(prompt.uri()))
 *         .build();
 * }</pre>
 */
public final class AuthRequest {
    private final String account;
    private final AuthReqData.App app;
    private final AuthReqData.Challenge challenge;
    private final Consumer<? super AuthPrompt> onWait;

    private AuthRequest(Builder builder) {
        this.account = builder.account;
        this.app = builder.app;
        this.challenge = builder.challenge;
        this.onWait = builder.onWait;
    }

    /**
     * @throws IllegalArgumentException when {@code account} is not a valid Hive account name
     */
    public static Builder newBuilder(String account) {
        return new Builder(account);
    }

    /** The account to authenticate. */
    public String account() {
        return account;
    }

    /** The application the wallet shows the user. */
    public AuthReqData.App app() {
        return app;
    }

    /** The challenge to sign with the login, or null. */
    public AuthReqData.Challenge challenge() {
        return challenge;
    }

    /** Told of the {@code has://} link once the relay took the request, or null. */
    public Consumer<? super AuthPrompt> onWait() {
        return onWait;
    }

    @Override
    public String toString() {
        return "AuthRequest[account=" + account + ", app=" + app.name() + (challenge == null ? "" : ", challenge") + "]";
    }

    /** Builds an {@link AuthRequest}. */
    public static final class Builder {
        private final String account;
        private AuthReqData.App app;
        private AuthReqData.Challenge challenge;
        private Consumer<? super AuthPrompt> onWait;

        private Builder(String account) {
            AccountName.requireValid(account);
            this.account = account;
        }

        /** The application, shown to the user by the wallet (required). */
        public Builder app(AuthReqData.App app) {
            this.app = Objects.requireNonNull(app, "app");
            return this;
        }

        /** The application by name only. */
        public Builder app(String name) {
            return app(new AuthReqData.App(name));
        }

        /** A text for the wallet to sign with the account's {@code keyType} key (posting, active or memo). */
        public Builder challenge(KeyType keyType, String text) {
            this.challenge = new AuthReqData.Challenge(Objects.requireNonNull(keyType, "keyType"),
                    Objects.requireNonNull(text, "text"));
            return this;
        }

        /**
         * Receives the {@code has://auth_req/…} link to show the user (QR code or deep link) once the relay took
         * the request. Required unless the client has a service-mode secret: without either, no wallet could read
         * the request.
         */
        public Builder onWait(Consumer<? super AuthPrompt> onWait) {
            this.onWait = Objects.requireNonNull(onWait, "onWait");
            return this;
        }

        /** The request. */
        public AuthRequest build() {
            if (app == null) {
                throw new IllegalStateException("an authentication request names the application asking: call app(..)");
            }
            return new AuthRequest(this);
        }
    }
}
