package dev.hiveauth.pksa;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks the {@link ApprovalPolicy}, safely: a policy that throws, fails or never answers abstains. */
final class Decisions {
    private static final Logger LOG = LoggerFactory.getLogger(Decisions.class);
    /** Past the request's expiry the answer is useless; a little slack for clocks that disagree. */
    private static final long SLACK_MILLIS = 1_000;

    private Decisions() {
    }

    /** The decision, delivered on the wallet's thread. */
    static CompletableFuture<Decision> ask(Wallet wallet, ApprovalRequest request) {
        CompletableFuture<Decision> answer;
        try {
            answer = wallet.policy().decide(request).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        long wait = Math.max(0, request.expire() - wallet.now()) + SLACK_MILLIS;
        return answer.copy()
                .orTimeout(wait, TimeUnit.MILLISECONDS)
                .handle((decision, error) -> {
                    if (error != null || decision == null) {
                        LOG.warn("approval of a request for {} failed ({}): not approved", request.account(),
                                error == null ? "no decision" : error.toString());
                        return Decision.ABSTAIN;
                    }
                    return decision;
                })
                .thenApplyAsync(decision -> decision, wallet.thread());
    }
}
