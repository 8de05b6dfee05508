package dev.hiveauth.pksa;

/** What an {@link ApprovalPolicy} answers to a request. */
public enum Decision {
    /** Do it: {@code auth_ack}, {@code sign_ack} or {@code challenge_ack}. */
    APPROVE,
    /** Refuse explicitly: a {@code *_nack}, which also stops any other wallet of the account from approving. */
    REJECT,
    /**
     * Do not answer, so that another wallet registered for the account may (the reference service PKSA's
     * behaviour); the PKSA turns this into a {@code *_nack} for the families configured to reject what they
     * do not approve ({@code auth_req_reject}, {@code sign_req_reject}, {@code challenge_req_reject}).
     */
    ABSTAIN
}
