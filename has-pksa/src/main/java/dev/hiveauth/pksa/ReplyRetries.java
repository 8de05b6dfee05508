package dev.hiveauth.pksa;

import dev.hiveauth.protocol.transport.Backoff;
import dev.hiveauth.protocol.transport.Timers;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers a wallet sent on one relay, until their requests expire, so that one the relay refuses for a passing
 * reason is not lost: a reply refused for rate, load or because the relay could not reach the chain is sent again
 * after a pause (doubling from half a second), one refused because the relay did not count the account as
 * registered is sent again once it is; one refused for good, or settled (another wallet answered, the request
 * expired), is dropped with a line in the log. An approval is the user's: it is not given up while it can still
 * arrive. Used on the wallet's thread.
 */
final class ReplyRetries {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyRetries.class);

    private final URI relay;
    private final Clock clock;
    private final Timers timers;
    private final Executor thread;
    private final Backoff backoff;
    private final Consumer<PendingReply> resend;
    private final Consumer<String> registerAgain;
    private final Map<String, Sent> sent = new HashMap<>();
    private final Map<String, List<PendingReply>> afterRegistration = new HashMap<>();

    /** A reply on its way, and how often the relay refused it for now. */
    private static final class Sent {
        final PendingReply reply;
        int refusals;
        Timers.Cancellable retry;

        Sent(PendingReply reply) {
            this.reply = reply;
        }

        void cancel() {
            if (retry != null) {
                retry.cancel();
                retry = null;
            }
        }
    }

    /**
     * @param resend sends a reply again (with a fresh proof of key)
     * @param registerAgain registers an account again that the relay no longer counts as registered
     */
    ReplyRetries(URI relay, Clock clock, Timers timers, Executor thread, Backoff backoff, Consumer<PendingReply> resend,
                 Consumer<String> registerAgain) {
        this.relay = relay;
        this.clock = clock;
        this.timers = timers;
        this.thread = thread;
        this.backoff = backoff;
        this.resend = resend;
        this.registerAgain = registerAgain;
    }

    /** The reply went out: remember it until its request expires. */
    void sent(PendingReply reply) {
        long now = clock.millis();
        sent.values().removeIf(old -> old.reply.expire() <= now);
        sent.computeIfAbsent(reply.uuid(), uuid -> new Sent(reply));
    }

    /** True when {@code uuid} is a reply sent on this relay and not yet expired. */
    boolean knows(String uuid) {
        Sent known = sent.get(uuid);
        return known != null && known.reply.expire() > clock.millis();
    }

    /** The relay answered the reply {@code uuid} with {@code error}. */
    void refused(String uuid, String error) {
        Sent refused = sent.get(uuid);
        if (refused == null) {
            return;
        }
        PendingReply reply = refused.reply;
        switch (RelayErrors.replyFate(error)) {
            case SETTLED -> {
                LOG.info("{}: the answer to {} for {} is not needed any more: {}", relay, uuid, reply.account(), error);
                forget(uuid);
            }
            case REFUSED -> {
                LOG.warn("{}: the relay refuses the answer to {} for {}: {}", relay, uuid, reply.account(), error);
                forget(uuid);
            }
            case AFTER_REGISTRATION -> {
                LOG.info("{}: the relay does not count {} as registered: registering it again, then sending the "
                        + "answer to {}", relay, reply.account(), uuid);
                afterRegistration.computeIfAbsent(reply.account(), account -> new ArrayList<>()).add(reply);
                registerAgain.accept(reply.account());
            }
            case RETRY -> retryLater(refused, error);
        }
    }

    /** The account is registered (again): the replies that waited for it go out. */
    void registered(String account) {
        List<PendingReply> waiting = afterRegistration.remove(account);
        if (waiting == null) {
            return;
        }
        long now = clock.millis();
        waiting.stream().filter(reply -> reply.expire() > now).forEach(resend);
    }

    /** The connection is gone: the relay forwards what is still pending again after re-registration. */
    void connectionLost() {
        sent.values().forEach(Sent::cancel);
        sent.clear();
        afterRegistration.clear();
    }

    private void retryLater(Sent refused, String error) {
        long delay = backoff.delayMillis(refused.refusals++);
        PendingReply reply = refused.reply;
        if (clock.millis() + delay >= reply.expire()) {
            LOG.warn("{}: the relay refused the answer to {} for {} ({}) and the request expires before it can be sent "
                    + "again", relay, reply.uuid(), reply.account(), error);
            forget(reply.uuid());
            return;
        }
        LOG.info("{}: the relay refused the answer to {} for {} for now ({}): sending it again in {} ms", relay,
                reply.uuid(), reply.account(), error, delay);
        refused.cancel();
        refused.retry = timers.schedule(delay, () -> thread.execute(() -> {
            if (sent.get(reply.uuid()) == refused) {
                resend.accept(reply);
            }
        }));
    }

    private void forget(String uuid) {
        Sent gone = sent.remove(uuid);
        if (gone != null) {
            gone.cancel();
        }
    }
}
