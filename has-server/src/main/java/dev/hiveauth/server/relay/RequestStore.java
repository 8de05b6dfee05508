package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.message.Family;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where the relay keeps what must outlive one connection, and one node: the requests, who answered them first, and
 * which APP connection waits for each. The relay's rules (SPEC §5–§8) run on every node alike; only this store knows
 * whether it is alone ({@link InMemoryRequestStore}) or shares its requests with other nodes through a database.
 *
 * <p>Every operation answers with a stage, completed at once by a store in memory and when the database answered by
 * a shared one. A stage that fails with {@link StoreUnavailableException} means nothing was decided: the relay tells
 * the peer that its storage is unavailable, and never reports success for something that could be lost.
 *
 * <p>The store hands this node what concerns its own connections through the {@link Deliveries} given to
 * {@link #open}: requests to forward to the wallets registered here, and replies for the APP connections here.
 */
public interface RequestStore extends AutoCloseable {
    /** Called once by the relay before any other method. */
    void open(Deliveries deliveries);

    /**
     * Keeps a new request until its expiry and forwards it to every wallet registered for its account, on whichever
     * node: each node that {@link #watch watches} the account gets it through {@link Deliveries#forward}, at most once.
     */
    CompletionStage<Void> create(StoredRequest request, long now);

    /** What a reply for {@code uuid} is checked against, or null when the store knows no such request. */
    CompletionStage<RequestFacts> facts(String uuid);

    /**
     * The first accepted reply wins: records {@code replyFrame} as the answer of {@code uuid} (a request for
     * {@code account}) unless it was answered
     * before or expired at {@code now}, and keeps it for attach until {@code keepUntil}. {@code token} names this one
     * reply, so that trying the same claim again after a lost answer from the database still wins once.
     */
    CompletionStage<Claim> claim(String uuid, String account, Family family, String replyFrame, String token, long now,
                                 long keepUntil);

    /**
     * Binds the request to the APP connection {@code appConnection} of this node, so its reply goes there, and says
     * whether it is still waiting, already answered (with the reply), or unknown.
     */
    CompletionStage<Attachment> attach(String uuid, String appConnection, long now);

    /**
     * This node has a wallet registered for the account: from the time the stage completes, every request created
     * for it anywhere reaches {@link Deliveries#forward}. Watched once per registration; {@link #unwatch} as often.
     */
    CompletionStage<Void> watch(String account);

    /** One registration of the account on this node ended. */
    void unwatch(String account);

    /**
     * The account's requests still waiting for a wallet at {@code now}, oldest first, for a wallet that just registered
     * it. Call it once {@link #watch} completed: a request created meanwhile may come both ways, until
     * {@link Waiting#settled()} completes, after which every later request comes only by {@link Deliveries#forward}.
     */
    CompletionStage<Waiting> waiting(String account, long now);

    /** Forgets what is past its time at {@code now}; the relay calls it every second. */
    void sweep(long now);

    /** Requests this store holds in this process (waiting, or answered and kept for attach). */
    int requestCount();

    /**
     * True when every stage this store returns is complete when the call returns (a store in this JVM's memory): what
     * the relay sends on its answers then leaves from the thread that handles the frame.
     */
    default boolean answersAtOnce() {
        return false;
    }

    /** False while the store cannot take new requests (its database unreachable); {@code /health} says so. */
    default boolean isAvailable() {
        return true;
    }

    /** Releases the store's connections; nothing kept in this process survives. */
    @Override
    default void close() {
    }

    /** What the store hands to this node. Called from any thread, never for a connection of another node. */
    interface Deliveries {
        /** A request to send to the wallets registered here for its account. */
        void forward(Forward forward);

        /** A reply for the APP connection {@code appConnection} of this node, waiting for request {@code uuid}. */
        void reply(String uuid, String appConnection, String replyFrame);
    }

    /** A request as wallets receive it: its frame, and what the relay checks without reading the frame. */
    record Forward(String uuid, String account, Family family, long expire, String frame) {
    }

    /** What a reply is checked against. {@code liveUntil}: the expiry, or once answered the end of the reply's keep. */
    record RequestFacts(String account, Family family, long expire, boolean answered, long liveUntil) {
        /** True while a wallet may still answer, or an APP still attach. */
        public boolean isLive(long now) {
            return now < liveUntil;
        }
    }

    /**
     * What became of a claim. When {@code verdict} is {@link Verdict#WON}, {@code delivery} sends the reply on to its
     * APP, if that is left to the caller (a store may have sent it already): the relay counts the answer first, so
     * whoever sees the reply arrive sees it counted.
     */
    record Claim(Verdict verdict, Runnable delivery) {
        /** The claim's verdict with nothing left to deliver. */
        public static Claim of(Verdict verdict) {
            return new Claim(verdict, () -> { });
        }
    }

    /** The outcomes of a claim. */
    enum Verdict {
        /** This reply is the answer. */
        WON,
        /** Another reply was first. */
        ALREADY_ANSWERED,
        /** The request is unknown, expired, or was given up. */
        EXPIRED,
        /** The reply is of another family than the request (a sign_ack for an auth_req). */
        WRONG_FAMILY
    }

    /** What an attach found: the request unknown, still waiting, or answered with {@code replyFrame}. */
    record Attachment(AttachState state, String replyFrame) {
        /** Unknown, expired, or answered with no reply kept. */
        public static final Attachment UNKNOWN = new Attachment(AttachState.UNKNOWN, null);
        /** Waiting for a wallet: its reply will come to the attached connection. */
        public static final Attachment WAITING = new Attachment(AttachState.WAITING, null);
    }

    /** The states an attach finds a request in. */
    enum AttachState {
        /** Nothing to attach to: attach_nack. */
        UNKNOWN,
        /** Still waiting for a wallet. */
        WAITING,
        /** Answered; the reply is replayed. */
        ANSWERED
    }

    /** The account's waiting requests, and when the overlap with forwards coming by {@link Deliveries} is over. */
    record Waiting(List<Forward> requests, CompletionStage<Void> settled) {
    }
}
