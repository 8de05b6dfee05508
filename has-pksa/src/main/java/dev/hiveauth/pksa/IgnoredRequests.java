package dev.hiveauth.pksa;

import dev.hiveauth.protocol.message.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once, at INFO, why the wallet leaves a request unanswered — no authentication for this application, a
 * different service secret, a key it does not hold, an operation it does not allow, a nonce replayed — so that the
 * operator of a wallet an application waits on in vain can see why in the log. A relay forwards a pending request
 * again after each re-registration; it is not logged again. Never logs a secret or the request's data. Used on the
 * wallet's thread.
 */
final class IgnoredRequests {
    private static final Logger LOG = LoggerFactory.getLogger(IgnoredRequests.class);
    /** Requests remembered at most (each until it expires), so a flood cannot grow memory. */
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, Long> logged = new LinkedHashMap<>();

    void report(Request request, String why, long nowMillis) {
        logged.values().removeIf(expire -> expire <= nowMillis);
        if (logged.containsKey(request.uuid())) {
            return;
        }
        if (logged.size() >= MAX_REMEMBERED) {
            logged.remove(logged.keySet().iterator().next());
        }
        logged.put(request.uuid(), request.expire());
        LOG.info("{} {} for {} not answered: {}", request.cmd(), request.uuid(), LogText.safe(request.account()), why);
    }
}
