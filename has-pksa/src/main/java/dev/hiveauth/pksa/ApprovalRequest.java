package dev.hiveauth.pksa;

/**
 * A request the {@link ApprovalPolicy} is asked about: an authentication, a transaction to sign or a
 * challenge. Every text in it comes from the APP: show it escaped.
 */
public sealed interface ApprovalRequest permits AuthApproval, SignApproval, ChallengeApproval {

    /** The Hive account the request is for. */
    String account();

    /** The name of the application asking (for sign and challenge requests, as stored with the authentication). */
    String app();

    /** When the request expires (epoch ms): an answer after that is useless. */
    long expire();
}
