package dev.hiveauth.server;

import dev.hiveauth.protocol.chain.rpc.HiveClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the Hive nodes the relay looks account keys up on, and asks them once, as the server starts, for the chain's
 * head block ({@code condenser_api.get_dynamic_global_properties}): an operator who gave a wrong address learns it from
 * the start-up log rather than from the first wallet whose registration fails. The answer is logged when it comes, so
 * the start does not wait for it (at most one timeout per node); no answer is a warning, never a failure: a node may
 * come back, and every lookup tries them all again.
 */
final class HiveNodesCheck {
    private static final Logger LOG = LoggerFactory.getLogger(HiveNodesCheck.class);

    private HiveNodesCheck() {
    }

    /** Logs the nodes and asks them; completes, once the answer or the failure is logged, with whether one answered. */
    static CompletableFuture<Boolean> start(HiveClient hive) {
        LOG.info("account keys are looked up on the Hive nodes {}; asking them for the head block", hive.nodes());
        return hive.getDynamicGlobalProperties().handle((head, failure) -> {
            if (failure == null) {
                LOG.info("Hive node {} answers: head block {} of {}", hive.currentNode(), head.headBlockNumber(),
                        head.time());
                return true;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            LOG.warn("no Hive node answered ({}): wallets cannot register until one does; check the Hive node "
                    + "addresses (--hive-api, HAS_HIVE_API)", cause.getMessage());
            return false;
        });
    }
}
