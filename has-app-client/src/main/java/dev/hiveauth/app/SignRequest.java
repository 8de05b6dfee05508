package dev.hiveauth.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.protocol.payload.SignReqData;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A transaction to have signed by the wallet that granted an {@link Auth}: its operations, the key type to sign
 * with, and whether the wallet broadcasts it (the default) or returns it signed. Immutable; made with
 * {@link #newBuilder(Auth)}.
 *
 * <pre>{@code
 * SignRequest vote = SignRequest.newBuilder(auth)
 *         .keyType(KeyType.POSTING)
 *         .operations(json.readTree("[[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"p\",\"weight\":10000}]]"))
 *         .build();
 * }</pre>
 */
public final class SignRequest {
    private final Auth auth;
    private final KeyType keyType;
    private final JsonNode operations;
    private final boolean broadcast;
    private final Consumer<? super RequestAccepted> onWait;

    private SignRequest(Builder builder) {
        this.auth = builder.auth;
        this.keyType = builder.keyType;
        this.operations = builder.operations;
        this.broadcast = builder.broadcast;
        this.onWait = builder.onWait;
    }

    /** A builder for a transaction to sign under {@code auth}. */
    public static Builder newBuilder(Auth auth) {
        return new Builder(auth);
    }

    /** The authentication the request goes through. */
    public Auth auth() {
        return auth;
    }

    /** The key to sign with: posting or active. */
    public KeyType keyType() {
        return keyType;
    }

    /** A copy of the operations, {@code [["vote", {...}], …]}. */
    public JsonNode operations() {
        return operations.deepCopy();
    }

    /** True when the wallet should broadcast the transaction, false when it only signs. */
    public boolean broadcast() {
        return broadcast;
    }

    /** Told when the relay took the request, or null. */
    public Consumer<? super RequestAccepted> onWait() {
        return onWait;
    }

    @Override
    public String toString() {
        return "SignRequest[account=" + auth.account() + ", keyType=" + keyType.jsonName() + ", operations="
                + operations.size() + ", broadcast=" + broadcast + "]";
    }

    /** Builds a {@link SignRequest}. */
    public static final class Builder {
        private final Auth auth;
        private KeyType keyType;
        private JsonNode operations;
        private boolean broadcast = true;
        private Consumer<? super RequestAccepted> onWait;

        private Builder(Auth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
        }

        /** Posting or active (required). */
        public Builder keyType(KeyType keyType) {
            this.keyType = Objects.requireNonNull(keyType, "keyType");
            return this;
        }

        /** A JSON array of operations, {@code [["vote", {...}], …]} (required). */
        public Builder operations(JsonNode operations) {
            this.operations = Objects.requireNonNull(operations, "operations").deepCopy();
            return this;
        }

        /** False: the wallet only signs, and the result holds the signed transaction. Default true. */
        public Builder broadcast(boolean broadcast) {
            this.broadcast = broadcast;
            return this;
        }

        /** Told when the relay took the request. */
        public Builder onWait(Consumer<? super RequestAccepted> onWait) {
            this.onWait = Objects.requireNonNull(onWait, "onWait");
            return this;
        }

        /**
         * @throws IllegalStateException when the key type or the operations are missing
         * @throws IllegalArgumentException when they are not something a wallet can sign (e.g. the memo key)
         */
        public SignRequest build() {
            if (keyType == null || operations == null) {
                throw new IllegalStateException("a signing request needs keyType(..) and operations(..)");
            }
            new SignReqData(keyType, operations, broadcast, null); // refuses what no wallet would sign, now
            return new SignRequest(this);
        }
    }
}
