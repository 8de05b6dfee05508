package dev.hiveauth.protocol.message;

/**
 * An APP request relayed by the HAS to the PKSAs: {@code auth_req}, {@code sign_req} or
 * {@code challenge_req}. Sent by the APP without {@code uuid}/{@code expire}; the HAS forwards it with
 * both (see {@link #forwarded}). The HAS never reads {@code data}, {@code token} or {@code auth_key}.
 */
public sealed interface Request extends HasMessage permits AuthReq, SignReq, ChallengeReq {

    /** Which family of commands this request starts. */
    Family family();

    /** The Hive account the request is for; the HAS routes by it. */
    String account();

    /** The payload encrypted with the {@code auth_key}, opaque to the HAS. */
    String data();

    /** The deprecated protocol-0.8 session token, or null; Hive Keychain Mobile needs it passed through. */
    String token();

    /** The request id the HAS assigned, or null before forwarding. */
    String uuid();

    /** When the request expires (epoch ms), or null before forwarding; set together with {@link #uuid}. */
    Long expire();

    /** True for the HAS→PKSA form, which carries {@code uuid} and {@code expire}. */
    default boolean isForwarded() {
        return uuid() != null;
    }

    /** A copy with the HAS-assigned {@code uuid} and {@code expire} (all other fields kept verbatim). */
    Request forwarded(String uuid, long expire);

    /** The HAS's immediate answer to this request: {@code auth_wait}, {@code sign_wait} or {@code challenge_wait}. */
    Wait waitReply(String uuid, long expire);
}
