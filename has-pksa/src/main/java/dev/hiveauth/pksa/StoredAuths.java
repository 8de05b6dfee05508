package dev.hiveauth.pksa;

import dev.hiveauth.protocol.payload.PayloadException;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Finds the authentication whose {@code auth_key} opens a request's {@code data}: only a wallet that
 * authenticated the application holds it. The keys of every unexpired authentication of the account are
 * tried in turn; a payload that opens but is invalid still identifies the authentication (so the error can be
 * sent back encrypted with its key).
 */
final class StoredAuths {
    private StoredAuths() {
    }

    /** The authentication and what its key opened: the payload, or why it is invalid. */
    record Opened<T>(Auth auth, T payload, PayloadException problem) {
    }

    /** Why a request opened by no stored authentication is left unanswered. */
    static String noneOpens(String account) {
        return "no stored authentication of " + account + " opens it: the application never logged in with this "
                + "wallet, or its authentication expired or was removed (it must log in again)";
    }

    static <T> Optional<Opened<T>> open(AuthStore store, String account, String data, long nowMillis,
                                        BiFunction<String, String, Optional<T>> decrypt) {
        for (Auth auth : store.auths(account)) {
            if (!auth.isValidAt(nowMillis)) {
                continue;
            }
            try {
                Optional<T> payload = decrypt.apply(data, auth.key());
                if (payload.isPresent()) {
                    return Optional.of(new Opened<>(auth, payload.get(), null));
                }
            } catch (PayloadException e) {
                return Optional.of(new Opened<>(auth, null, e));
            }
        }
        return Optional.empty();
    }
}
