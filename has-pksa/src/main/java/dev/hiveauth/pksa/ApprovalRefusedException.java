package dev.hiveauth.pksa;

/** The authentication of an accepted payload was not approved (by the policy, the user, or for want of a key). */
public final class ApprovalRefusedException extends PksaException {
    private static final long serialVersionUID = 1L;

    ApprovalRefusedException(String message) {
        super(message);
    }
}
