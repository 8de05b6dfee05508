package dev.hiveauth.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * {@code register_req}, PKSA→HAS: registers accounts to this socket, each with a proof of key of the
 * current time.
 *
 * @param app any name identifying the PKSA (e.g. {@code "Hive Keychain"})
 * @param accounts the accounts, in the order sent (possibly empty: the server decides)
 */
public record RegisterReq(String app, List<Account> accounts) implements HasMessage {
    /** The {@code cmd} of this message. */
    public static final String CMD = "register_req";

    /** Checks that {@code app} is present, and keeps an unmodifiable copy of the accounts. */
    public RegisterReq {
        Objects.requireNonNull(app, "app");
        accounts = List.copyOf(accounts);
    }

    @Override
    public String cmd() {
        return CMD;
    }

    /**
     * One account to register: {@code {name, pok}}, or the protocol-0.8 form {@code {name, key_type,
     * challenge}} that Hive Keychain Mobile still sends (its {@code challenge} is verified exactly like a
     * {@code pok}).
     *
     * @param name the Hive account name
     * @param pok the proof of key, or null in the legacy form
     * @param keyType the legacy key type hint ({@code posting|active|memo}), or null
     * @param challenge the legacy proof, or null
     */
    public record Account(String name, String pok, String keyType, String challenge) {
        /** Checks that {@code name} is present, with a proof of key or a legacy challenge. */
        public Account {
            Objects.requireNonNull(name, "name");
            if (pok == null && challenge == null) {
                throw new IllegalArgumentException("an account needs a pok or a legacy challenge");
            }
        }

        /** The current form. */
        public static Account withPok(String name, String pok) {
            return new Account(name, Objects.requireNonNull(pok, "pok"), null, null);
        }

        /** The legacy (protocol 0.8) form. */
        public static Account legacy(String name, String keyType, String challenge) {
            return new Account(name, null, keyType, Objects.requireNonNull(challenge, "challenge"));
        }

        /** The proof to verify: the {@code pok}, else the legacy {@code challenge}. */
        public String proof() {
            return pok != null ? pok : challenge;
        }

        /** True when the account came in the legacy form (no {@code pok}). */
        public boolean isLegacy() {
            return pok == null;
        }
    }
}
