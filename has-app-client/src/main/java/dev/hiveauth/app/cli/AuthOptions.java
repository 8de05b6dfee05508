package dev.hiveauth.app.cli;

import dev.hiveauth.app.Auth;
import picocli.CommandLine.Option;

/**
 * The authentication a {@code login} printed, given back to {@code sign} and {@code challenge}: its
 * {@code auth_key}, and optionally its {@code expire} (checked before anything is sent) and the legacy
 * {@code token} some wallets (Hive Keychain Mobile) need to find the session.
 */
final class AuthOptions {
    @Option(names = "--auth-key", required = true, paramLabel = "KEY",
            description = "The auth_key from the login result")
    String authKey;

    @Option(names = "--auth-expire", paramLabel = "MS",
            description = "The expire from the login result (epoch ms); an expired authentication is not used."
                    + " Without it, the wallet alone judges")
    Long expire;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The token from the login result, when the wallet gave one (legacy wallets)")
    String token;

    Auth toAuth(String account) {
        return new Auth(account, authKey, expire == null ? Long.MAX_VALUE : expire, token);
    }
}
