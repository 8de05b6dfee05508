package dev.hiveauth.pksa.service;

import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.ApprovalRequest;
import dev.hiveauth.pksa.AuthApproval;
import dev.hiveauth.pksa.Decision;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The unattended service's answers, as the reference PKSA gives them: a new authentication is approved only
 * with {@code auth_req_approve}; signing and challenge requests that opened with a stored authentication and
 * passed the signing rules are approved. Everything else abstains.
 */
public final class ServicePolicy implements ApprovalPolicy {
    private final boolean approveNewAuths;

    /** A policy that approves new authentications when {@code approveNewAuths} says so. */
    public ServicePolicy(boolean approveNewAuths) {
        this.approveNewAuths = approveNewAuths;
    }

    @Override
    public CompletionStage<Decision> decide(ApprovalRequest request) {
        boolean approve = !(request instanceof AuthApproval) || approveNewAuths;
        return CompletableFuture.completedFuture(approve ? Decision.APPROVE : Decision.ABSTAIN);
    }
}
