package dev.hiveauth.protocol.crypto;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;

/**
 * A verified proof of key (SPEC §4): which account key made the {@code pok} and the value it carried. A pok is a
 * Hive memo from an account key to the server key whose text is {@code "#" + value}, value = the time in ms
 * (registration) or the request uuid (replies). The static methods make one; a {@link Verifier} checks one.
 */
public final class ProofOfKey {
    /** How far a registration timestamp may be from the server clock, either way. */
    public static final long REGISTRATION_WINDOW_MS = 10_000;
    /**
     * The longest pok accepted. A pok of a uuid is about 175 characters; the bound keeps the quadratic Base58
     * decode of an oversized string from costing a server more than a real proof does.
     */
    public static final int MAX_LENGTH = 512;

    private static final long REGISTRATION_WINDOW_S = REGISTRATION_WINDOW_MS / 1000;
    private static final int SECONDS_DIGITS = 10;
    private static final int MAX_TIMESTAMP_DIGITS = 18;

    private final PublicKey key;
    private final String value;

    private ProofOfKey(PublicKey key, String value) {
        this.key = key;
        this.value = value;
    }

    /** The pok for {@code value}: {@code Memo.encode(accountKey, serverKey, "#" + value)} with a random nonce. */
    public static String create(PrivateKey accountKey, PublicKey serverKey, String value) {
        return Memo.encode(accountKey, serverKey, "#" + value);
    }

    /** The pok of a {@code register_req}: the clock's time in milliseconds, in decimal. */
    public static String forRegistration(PrivateKey accountKey, PublicKey serverKey, Clock clock) {
        return create(accountKey, serverKey, Long.toString(clock.millis()));
    }

    /** The pok of a reply ({@code auth_ack}, {@code sign_err}, …): the uuid of the request answered. */
    public static String forReply(PrivateKey accountKey, PublicKey serverKey, String uuid) {
        return create(accountKey, serverKey, Objects.requireNonNull(uuid, "uuid"));
    }

    /** The account key that made the proof (one of the keys it was checked against). */
    public PublicKey key() {
        return key;
    }

    /** The value proven, leading '#'s removed: the timestamp as sent, or the uuid. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "ProofOfKey[key=" + key + ", value=" + value + "]";
    }

    /**
     * Checks proofs addressed to one server key. Immutable and thread-safe: build one per server and share it.
     * The cheap checks (is it a memo, is it for this server, is its key one of the account's) come before the
     * key agreement, and the agreement's result is kept per account key, since the same keys prove again and again.
     */
    public static final class Verifier {
        private static final int DEFAULT_CACHED_KEYS = 4096;

        private final PublicKey serverPublicKey;
        private final Clock clock;
        private final SharedSecretCache secrets;

        /** A verifier of proofs addressed to {@code serverKey}, which tells their age by {@code clock}. */
        public Verifier(PrivateKey serverKey, Clock clock) {
            this(serverKey, clock, DEFAULT_CACHED_KEYS);
        }

        /** {@code cachedKeys} = how many account keys' shared secrets to keep (0: none). */
        Verifier(PrivateKey serverKey, Clock clock, int cachedKeys) {
            this.serverPublicKey = serverKey.publicKey();
            this.clock = Objects.requireNonNull(clock, "clock");
            this.secrets = new SharedSecretCache(serverKey, cachedKeys);
        }

        /** The server's public key, to which proofs are addressed. */
        public PublicKey serverKey() {
            return serverPublicKey;
        }

        /**
         * A {@code register_req} proof: made with one of {@code accountKeys} (memo, posting, active and owner keys,
         * gathered by the caller), value within ±10 s of the clock — milliseconds, or a 10-digit seconds value.
         */
        public ProofOfKey verifyRegistration(String pok, Collection<PublicKey> accountKeys) {
            ProofOfKey proof = open(pok, accountKeys);
            checkTimestamp(proof.value);
            return proof;
        }

        /** A reply's proof: made with one of {@code accountKeys}, value exactly the request's uuid. */
        public ProofOfKey verifyReply(String pok, String uuid, Collection<PublicKey> accountKeys) {
            Objects.requireNonNull(uuid, "uuid");
            ProofOfKey proof = open(pok, accountKeys);
            if (!proof.value.equals(uuid)) {
                throw new ProofOfKeyException("pok does not match the request uuid");
            }
            return proof;
        }

        private ProofOfKey open(String pok, Collection<PublicKey> accountKeys) {
            if (pok == null || pok.isEmpty()) {
                throw new ProofOfKeyException("pok is missing");
            }
            if (pok.length() > MAX_LENGTH) {
                throw new ProofOfKeyException("pok is too long (" + pok.length() + " characters, at most "
                        + MAX_LENGTH + ")");
            }
            if (pok.charAt(0) != '#') {
                throw new ProofOfKeyException("pok is not a memo (it must start with '#')");
            }
            EncryptedMemo memo;
            try {
                memo = EncryptedMemo.parse(pok);
            } catch (MemoException e) {
                throw new ProofOfKeyException("pok is not a memo: " + e.getMessage());
            }
            if (!memo.isTo(serverPublicKey)) {
                throw new ProofOfKeyException("pok is not addressed to this server");
            }
            PublicKey accountKey = accountKeyThatMade(memo, accountKeys);
            String text;
            try {
                text = memo.decrypt(secrets.secretWith(accountKey));
            } catch (MemoException e) {
                throw new ProofOfKeyException(e.reason() == MemoException.Reason.WRONG_KEY
                        ? "pok does not decrypt with the server key"
                        : "pok does not decrypt: " + e.getMessage());
            }
            return new ProofOfKey(accountKey, stripHashes(text));
        }

        private static PublicKey accountKeyThatMade(EncryptedMemo memo, Collection<PublicKey> accountKeys) {
            for (PublicKey key : accountKeys) {
                if (!key.isNull() && memo.isFrom(key)) {
                    return key;
                }
            }
            throw new ProofOfKeyException("pok was made with a key that is not one of the account's keys");
        }

        // hive-js encodes "#" + value and drops that '#'; HiveAuth Mobile adds one more, so "#value" arrives.
        private static String stripHashes(String text) {
            int start = 0;
            while (start < text.length() && text.charAt(start) == '#') {
                start++;
            }
            return text.substring(start);
        }

        private void checkTimestamp(String value) {
            if (value.isEmpty() || value.length() > MAX_TIMESTAMP_DIGITS || !value.chars().allMatch(Verifier::isDigit)) {
                throw new ProofOfKeyException("pok timestamp is not a decimal number");
            }
            long timestamp = Long.parseLong(value);
            long now = clock.millis();
            // The docs say "UNIX time": a peer reading them literally sends 10-digit seconds, so accept those too.
            if (value.length() == SECONDS_DIGITS) {
                long away = Math.abs(Math.floorDiv(now, 1000) - timestamp);
                if (away > REGISTRATION_WINDOW_S) {
                    throw new ProofOfKeyException("pok timestamp is " + away + " s away from server time"
                            + direction(timestamp * 1000, now));
                }
                return;
            }
            long away = Math.abs(now - timestamp);
            if (away > REGISTRATION_WINDOW_MS) {
                throw new ProofOfKeyException("pok timestamp is "
                        + BigDecimal.valueOf(away, 3).stripTrailingZeros().toPlainString()
                        + " s away from server time" + direction(timestamp, now));
            }
        }

        private static String direction(long timestampMs, long nowMs) {
            return timestampMs > nowMs ? " (ahead)" : " (behind)";
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }
    }
}
