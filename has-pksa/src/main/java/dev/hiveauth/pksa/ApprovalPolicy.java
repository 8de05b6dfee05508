package dev.hiveauth.pksa;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether the wallet does what an APP asks; a user interface asks its user here. It is only asked
 * about requests that passed every check (decrypted with a valid authentication, fresh nonce, valid
 * operations allowed by the {@link SigningRules}, the key held), and is called on the PKSA's own thread:
 * it must not block, but answer through the returned stage. An answer that comes after the request expired
 * is dropped.
 */
@FunctionalInterface
public interface ApprovalPolicy {

    /** Decides on one request; the wallet waits for the answer without blocking. */
    CompletionStage<Decision> decide(ApprovalRequest request);

    /** The same decision for everything (tests, and a wallet that trusts its rules alone). */
    static ApprovalPolicy always(Decision decision) {
        CompletableFuture<Decision> answer = CompletableFuture.completedFuture(decision);
        return request -> answer;
    }
}
