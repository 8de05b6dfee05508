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
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * APP requests (SPEC §6) and attach (§8): validates a request, gives it a uuid and an expiry, answers
 * {@code *_wait} at once (so waits go out in the order requests arrived), and forwards it to every PKSA
 * registered for the account — or keeps it until one registers. Expired requests disappear silently.
 */
final class RequestRouter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

    private final RelayState state;
    private final Function<Connection, Peer> peers;
    private final Clock clock;
    private final long timeoutMillis;
    private final Limits limits;
    private final RelayMetrics metrics;
    private final Supplier<String> uuids;
    private final Backlog backlog;
    private final AddressLimits addressLimits;
    private final AddressShares shares;

    /** {@code peers} finds the open connection's peer, or null once it closed. */
    RequestRouter(RelayState state, Function<Connection, Peer> peers, Clock clock, long timeoutMillis, Limits limits,
                  AddressLimits addressLimits, AddressShares shares, RelayMetrics metrics, Supplier<String> uuids,
                  Backlog backlog) {
        this.state = state;
        this.addressLimits = addressLimits;
        this.shares = shares;
        this.peers = peers;
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
        PendingRequest pending = new PendingRequest(forwardedRequest, forwarded, app);
        app.requestAdded(pending.requestBytes());
        state.add(pending);
        app.send(request.waitReply(uuid, expire));
        metrics.request(type, Outcome.ACCEPTED);
        int pksas = 0;
        for (Connection pksa : state.registrations(request.account())) {
            forward(pksa, forwarded);
            pksas++;
        }
        LOG.debug("{}: {} {} for {} forwarded to {} PKSA(s)", app.id(), request.cmd(), uuid, request.account(), pksas);
    }

    /** Right after a PKSA registered an account: every unanswered, unexpired request for it. */
    void forwardWaiting(String account, Peer pksa) {
        long now = clock.millis();
        for (PendingRequest pending : state.unanswered(account)) {
            if (pending.isLive(now)) {
                forward(pksa.connection(), pending.forwardedFrame());
            }
        }
    }

    /** Sends a request to a wallet with one reply credit, granted first so the reply can never come before it. */
    private void forward(Connection pksa, String frame) {
        Peer wallet = peers.apply(pksa);
        if (wallet != null) { // null: it closed just now, and its registrations are going with it
            wallet.requestForwarded();
        }
        pksa.forward(frame);
    }

    void attach(Peer app, AttachReq attach) {
        PendingRequest pending = state.request(attach.uuid());
        if (pending == null || !pending.isLive(clock.millis()) || pending.isAnswered() && pending.keptReplyFrame() == null) {
            app.send(new AttachNack(attach.uuid()));
            return;
        }
        // Under the request's lock, so a reply accepted meanwhile goes after the attach_ack, never before.
        synchronized (pending) {
            pending.rebind(app.connection());
            app.send(new AttachAck(attach.uuid()));
            String stored = pending.keptReplyFrame();
            if (stored != null) {
                app.connection().send(stored);
            }
        }
        LOG.debug("{}: attached to {}", app.id(), Shown.name(attach.uuid()));
    }

    /** Drops what is no longer live: unanswered requests past expire, stored replies past their keep time. */
    void sweep() {
        for (PendingRequest gone : state.sweep(clock.millis())) {
            if (!gone.isAnswered()) {
                metrics.request(gone.family().prefix(), Outcome.EXPIRED);
                LOG.debug("{} for {} expired unanswered", gone.uuid(), gone.account());
            }
            stoppedWaiting(gone);
            backlog.forgotten(gone);
        }
    }

    /** The request is no longer waiting (answered or expired): counted once, for its origin and the server. */
    void stoppedWaiting(PendingRequest request) {
        if (request.countDownOnce()) {
            request.origin().requestDone(request.requestBytes());
            shares.pendingReleased(request.origin().share());
            backlog.stoppedWaiting(request);
        }
    }

    private void refuse(Peer app, String type, String reason) {
        metrics.request(type, Outcome.REJECTED);
        app.send(new ErrorMessage(reason));
    }
}
