package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * {@code sign_req}: APP→HAS, then HAS→PKSA with {@code uuid} and {@code expire}.
 * Asks the account's wallet to sign (and usually broadcast) operations.
 *
 * @param account the Hive account whose key is asked for
 * @param data {@code sign_req_data} encrypted with the {@code auth_key}
 * @param token the deprecated session token, or null; Hive Keychain Mobile finds the session by it
 * @param uuid the request id, or null before forwarding
 * @param expire expiry in epoch ms, or null before forwarding
 */
public record SignReq(String account, String data, String token, String uuid, Long expire) implements Request {
    /** The {@code cmd} of this message. */
    public static final String CMD = "sign_req";

    /**
     * Checks that {@code account} and {@code data} are present, and the forwarded {@code uuid} and {@code expire} go
     * together.
     */
    public SignReq {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(data, "data");
        Requests.checkForwardFields(uuid, expire);
    }

    /** The APP's form, with the token a legacy PKSA returned (or null). */
    public SignReq(String account, String data, String token) {
        this(account, data, token, null, null);
    }

    @Override
    public String cmd() {
        return CMD;
    }

    @Override
    public Family family() {
        return Family.SIGN;
    }

    @Override
    public SignReq forwarded(String uuid, long expire) {
        return new SignReq(account, data, token, Objects.requireNonNull(uuid, "uuid"), expire);
    }

    @Override
    public SignWait waitReply(String uuid, long expire) {
        return new SignWait(uuid, expire);
    }
}
