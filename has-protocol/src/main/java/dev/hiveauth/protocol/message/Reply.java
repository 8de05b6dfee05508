package dev.hiveauth.protocol.message;

/**
 * A PKSA's answer to a request ({@code *_ack}, {@code *_nack}, {@code *_err}), sent to the HAS with a proof
 * of key and relayed to the APP without it.
 */
public sealed interface Reply extends HasMessage
        permits AuthAck, AuthNack, AuthErr, SignAck, SignNack, SignErr, ChallengeAck, ChallengeNack, ChallengeErr {

    /** The family of the request this answers. */
    Family family();

    /** The uuid of the request this answers. */
    String uuid();

    /**
     * The proof of key (a Hive memo of the uuid from an account key to the server key), or null: Hive
     * Keychain Mobile sends replies without one.
     */
    String pok();

    /** The form the HAS relays to the APP: the documented fields only, never {@code pok}. */
    Reply relayed();
}
