package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.chain.AccountName;
import dev.hiveauth.protocol.message.AttachAck;
import dev.hiveauth.protocol.message.AttachNack;
import dev.hiveauth.protocol.message.AttachReq;
import dev.hiveauth.protocol.message.ErrorMessage;
import dev.hiveauth.protocol.message.MessageCodec;
import dev.hiveauth.protocol.message.Request;
import dev.hiveauth.server.observe.RelayMetrics;
import dev.hiveauth.server.observe.RelayMetrics.Outcome;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * APP requests (SPEC §6) and attach (§8), and what the store hands this node for its connections. A request is
 * validated, given a uuid and an expiry, and stored; its {@code *_wait} leaves once the store has it, in the order the
 * connection's requests arrived; the store forwards it to every wallet registered for the account, wherever, or keeps
 * it until one registers. Expired requests disappear silently.
 */
final class RequestRouter implements RequestStore.Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

    private final RequestStore store;
    private final Registrations registrations;
    private final Clock clock;
    private final long timeoutMillis;
    private final Limits limits;
    private final RelayMetrics metrics;
    private final Supplier<String> uuids;
    private final Backlog backlog;
    private final AddressLimits addressLimits;
    private final AddressShares shares;
    /** The requests APP connections of this node wait for, by uuid: until the reply comes or the request expires. */
    private final Map<String, AppRequest> appRequests = new ConcurrentHashMap<>();
    private final ExpiryBuckets<AppRequest> deadlines = new ExpiryBuckets<>(AppRequest::expire);
    /** Requests the store has not confirmed yet: their apps wait for a *_wait or an error. */
    private final AtomicInteger storing = new AtomicInteger();

    RequestRouter(RequestStore store, Registrations registrations, Clock clock, long timeoutMillis, Limits limits,
                  AddressLimits addressLimits, AddressShares shares, RelayMetrics metrics, Supplier<String> uuids,
                  Backlog backlog) {
        this.store = store;
        this.registrations = registrations;
        this.addressLimits = addressLimits;
        this.shares = shares;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        this.limits = limits;
        this.metrics = metrics;
        this.uuids = uuids;
        this.backlog = backlog;
    }

    void request(Peer app, Request request) {
        String type = request.family().prefix();
        String problem = AccountName.problem(request.account()).orElse(null);
        if (problem != null) {
            refuse(app, type, request.cmd() + ": invalid account name \"" + Shown.name(request.account()) + "\": " + problem);
            return;
        }
        if (request.data().isEmpty()) {
            refuse(app, type, request.cmd() + ": \"data\" must not be empty");
            return;
        }
        if (app.pendingCount() >= limits.maxPendingPerSocket()) {
            refuse(app, type, request.cmd() + ": this connection already has " + limits.maxPendingPerSocket()
                    + " pending requests, the limit");
            return;
        }
        long now = clock.millis();
        String uuid = uuids.get();
        long expire = now + timeoutMillis;
        // The APP cannot choose uuid or expire: whatever it sent in those fields is replaced.
        Request forwardedRequest = request.forwarded(uuid, expire);
        String forwarded = MessageCodec.encode(forwardedRequest);
        if (app.pendingBytes() + forwarded.length() > limits.maxPendingBytesPerSocket()) {
            refuse(app, type, request.cmd() + ": this connection's waiting requests hold "
                    + limits.maxPendingBytesPerSocket() + " bytes, the limit");
            return;
        }
        if (!app.share().takePending(addressLimits.pendingRequests())) {
            refuse(app, type, request.cmd() + ": this address already has " + addressLimits.pendingRequests()
                    + " requests waiting, the limit for one address; try again later");
            return;
        }
        String busy = backlog.admit(forwarded.length(), app.pendingBytes());
        if (busy != null) {
            shares.pendingReleased(app.share());
            refuse(app, type, request.cmd() + ": " + busy);
            return;
        }
        // The entry and the answer's place in line come first: a reply that reaches this node before the store has
        // answered (a fast wallet elsewhere) waits behind the *_wait.
        Outbox.Slot answer = app.outbox().reserve();
        AppRequest waiting = new AppRequest(uuid, request.family(), expire, app, forwarded.length(), app, answer);
        app.requestAdded(forwarded.length());
        appRequests.put(uuid, waiting);
        deadlines.add(expire, waiting);
        String waitFrame = MessageCodec.encode(request.waitReply(uuid, expire));
        storing.incrementAndGet();
        store.create(new StoredRequest(uuid, request.family(), request.account(), expire, forwarded, app.id()), now)
                .whenComplete((stored, failure) -> {
                    if (failure == null) {
                        metrics.request(type, Outcome.ACCEPTED);
                        app.outbox().fill(answer, waitFrame);
                        LOG.debug("{}: {} {} for {} stored", app.id(), request.cmd(), uuid, request.account());
                    } else {
                        app.log().warn(LOG, "cannot store {}: {}", request.cmd(), Stores.reason(failure));
                        appRequests.remove(uuid, waiting);
                        stoppedWaiting(waiting);
                        metrics.request(type, Outcome.REJECTED);
                        metrics.errorSent();
                        app.outbox().fill(answer, MessageCodec.encode(new ErrorMessage(
                                request.cmd() + ": " + StoreUnavailableException.PEER_MESSAGE)));
                    }
                    storing.decrementAndGet();
                });
    }

    /** A request for an account some wallets of this node registered: to each, once. */
    @Override
    public void forward(RequestStore.Forward forward) {
        if (forward.expire() <= clock.millis()) {
            return; // it waited somewhere too long on its way: no wallet may answer it any more
        }
        for (WalletRegistration registration : registrations.of(forward.account())) {
            registration.offer(forward.uuid(), forward.frame());
        }
    }

    /** A reply for an APP connection of this node: sent after its request's answer, unless it attached elsewhere. */
    @Override
    public void reply(String uuid, String appConnection, String replyFrame) {
        AppRequest waiting = appRequests.get(uuid);
        if (waiting == null || !waiting.app().id().equals(appConnection)) {
            return; // its APP left or went elsewhere: the store keeps the reply for attach
        }
        waiting.deliver(replyFrame);
        appRequests.remove(uuid, waiting);
        stoppedWaiting(waiting);
    }

    /** Right after a wallet registered an account: what waits for it, once each, behind the register_ack. */
    void catchUp(RequestStore.Waiting waiting, WalletRegistration registration) {
        long now = clock.millis();
        for (RequestStore.Forward forward : waiting.requests()) {
            if (forward.expire() > now) {
                registration.offer(forward.uuid(), forward.frame());
            }
        }
        waiting.settled().whenComplete((settled, failure) -> registration.caughtUp());
    }

    void attach(Peer app, AttachReq attach) {
        String uuid = attach.uuid();
        long now = clock.millis();
        // Bound here before the store is asked: a reply the store sends meanwhile goes after the attach_ack.
        Outbox.Slot answer = app.outbox().reserve();
        AppRequest bound = appRequests.compute(uuid, (id, known) -> {
            if (known == null) {
                return new AppRequest(uuid, null, now + timeoutMillis, null, 0, app, answer);
            }
            known.rebind(app, answer);
            return known;
        });
        if (bound.origin() == null) {
            deadlines.add(bound.expire(), bound);
        }
        store.attach(uuid, app.id(), now).whenComplete((attachment, failure) -> {
            if (failure != null) {
                app.log().warn(LOG, "cannot attach: {}", Stores.reason(failure));
                forget(bound);
                metrics.errorSent();
                app.outbox().fill(answer, MessageCodec.encode(new ErrorMessage(
                        attach.cmd() + ": " + StoreUnavailableException.PEER_MESSAGE, uuid)));
                return;
            }
            switch (attachment.state()) {
                case UNKNOWN -> {
                    if (bound.origin() == null) {
                        forget(bound); // a request sent from here stays until the sweep counts it expired
                    }
                    app.outbox().fill(answer, MessageCodec.encode(new AttachNack(uuid)));
                }
                case WAITING -> app.outbox().fill(answer, MessageCodec.encode(new AttachAck(uuid)));
                case ANSWERED -> {
                    forget(bound);
                    app.outbox().fill(answer, MessageCodec.encode(new AttachAck(uuid)));
                    app.outbox().after(answer, attachment.replyFrame());
                }
            }
            LOG.debug("{}: attach to {}: {}", app.id(), Shown.name(uuid), attachment.state());
        });
    }

    /** The entry is no longer needed here: answered, or nothing to wait for. */
    private void forget(AppRequest request) {
        if (appRequests.remove(request.uuid(), request)) {
            stoppedWaiting(request);
        }
    }

    /** Drops what is no longer live: entries past their expiry here, then what the store keeps. */
    void sweep() {
        long now = clock.millis();
        for (AppRequest due : deadlines.sweep(now)) {
            if (appRequests.remove(due.uuid(), due) && due.origin() != null && !due.isDone()) {
                metrics.request(due.family().prefix(), Outcome.EXPIRED);
                LOG.debug("{} expired unanswered", due.uuid());
            }
            stoppedWaiting(due);
        }
        store.sweep(now);
    }

    /** The request is no longer waiting (answered, expired or refused): counted once, for its origin and the server. */
    private void stoppedWaiting(AppRequest request) {
        if (request.finish() && request.origin() != null) {
            request.origin().requestDone(request.bytes());
            shares.pendingReleased(request.origin().share());
            backlog.stoppedWaiting(request.bytes());
        }
    }

    /** Requests whose answer (their *_wait or an error) waits for the store. */
    int storing() {
        return storing.get();
    }

    /** The relay's clock, now. */
    long now() {
        return clock.millis();
    }

    private void refuse(Peer app, String type, String reason) {
        metrics.request(type, Outcome.REJECTED);
        app.answer(new ErrorMessage(reason));
    }
}
