package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code auth_req}: APP→HAS, then HAS→PKSA with {@code uuid} and {@code expire}. Asks the account's
 * wallet to authenticate the APP.
 *
 * @param account the Hive account to authenticate
 * @param data {@code auth_req_data} encrypted with the {@code auth_key}
 * @param authKey service mode only: the {@code auth_key} encrypted with the secret the APP shares with a
 *     service PKSA, or null
 * @param token the deprecated session token some APPs still send, or null
 * @param uuid the request id, or null before forwarding
 * @param expire expiry in epoch ms, or null before forwarding
 */
public record AuthReq(String account, String data, String authKey, String token, String uuid, Long expire)
        implements Request {
    /** The {@code cmd} of this message. */
    public static final String CMD = "auth_req";

    /**
     * Checks that {@code account} and {@code data} are present, and the forwarded {@code uuid} and {@code expire} go
     * together.
     */
    public AuthReq {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(data, "data");
        Requests.checkForwardFields(uuid, expire);
    }

    /** The APP's plain form: no service-mode key, no token. */
    public AuthReq(String account, String data) {
        this(account, data, null, null, null, null);
    }

    @Override
    public String cmd() {
        return CMD;
    }

    @Override
    public Family family() {
        return Family.AUTH;
    }

    @Override
    public AuthReq forwarded(String uuid, long expire) {
        return new AuthReq(account, data, authKey, token, Objects.requireNonNull(uuid, "uuid"), expire);
    }

    @Override
    public AuthWait waitReply(String uuid, long expire) {
        return new AuthWait(uuid, expire, account);
    }
}
