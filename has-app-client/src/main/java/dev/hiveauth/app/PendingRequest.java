package dev.hiveauth.app;

import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.Wait;
import dev.hiveauth.protocol.transport.SerialExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One request of this client, from creation to its answer: queued (waiting for a connection with room), sent
 * (waiting for its {@code *_wait}), then waiting for a PKSA reply under the uuid the HAS gave it. Guarded by the
 * client's lock; its future is completed through the {@link SerialExecutor}.
 */
final class PendingRequest<T> {
    enum Stage { QUEUED, SENT, WAITING, DONE }

    private final long sequence;
    private final Family family;
    private final String account;
    private final String pin;
    private final Supplier<String> encoder;
    private final Function<String, ReplyReader<T>> readerForUuid;
    private final Consumer<? super Wait> onWait;
    private final String unansweredHint;
    private final CompletableFuture<T> future = new CompletableFuture<>();

    private String frame;
    private Stage stage = Stage.QUEUED;
    private String uuid;
    private long deadline;
    private ReplyReader<T> reader;
    private boolean attaching;
    private int refusals;
    private int drops;

    /**
     * @param sequence the order of submission: requests leave in this order (a retried one keeps its place)
     * @param pin the auth_key of the authentication it acts for, or null: requests with the same pin go out on one
     *     connection in order, because a wallet refuses a nonce lower than the last it saw
     * @param encoder encodes the request when it goes on the wire (under the client's lock, so that what it takes
     *     then, the nonce, follows the order of the wire)
     * @param readerForUuid builds the reply checks once the uuid is known (a nack must decrypt to it)
     * @param onWait told of the {@code *_wait}, or null
     * @param unansweredHint what probably went wrong when no answer comes, for the expiry message
     */
    PendingRequest(long sequence, Family family, String account, String pin, Supplier<String> encoder,
                   Function<String, ReplyReader<T>> readerForUuid, Consumer<? super Wait> onWait, String unansweredHint) {
        this.sequence = sequence;
        this.family = family;
        this.account = account;
        this.pin = pin;
        this.encoder = encoder;
        this.readerForUuid = readerForUuid;
        this.onWait = onWait;
        this.unansweredHint = unansweredHint;
    }

    long sequence() {
        return sequence;
    }

    Family family() {
        return family;
    }

    String account() {
        return account;
    }

    /** The auth_key this request is bound to, or null. */
    String pin() {
        return pin;
    }

    /** The encoded request, made at the first call after it was (re)queued: call it only to send the request. */
    String frame() {
        if (frame == null) {
            frame = encoder.get();
        }
        return frame;
    }

    CompletableFuture<T> future() {
        return future;
    }

    Stage stage() {
        return stage;
    }

    boolean isDone() {
        return stage == Stage.DONE;
    }

    String uuid() {
        return uuid;
    }

    long deadline() {
        return deadline;
    }

    boolean isAttaching() {
        return attaching;
    }

    String unansweredHint() {
        return unansweredHint;
    }

    /** How many times a connection dropped while this request waited for its wallet. */
    int drops() {
        return drops;
    }

    void queued(long deadline) {
        this.stage = Stage.QUEUED;
        this.deadline = deadline;
    }

    void sent(long deadline) {
        this.stage = Stage.SENT;
        this.deadline = deadline;
    }

    /**
     * The relay refused it for a reason that passes (rate, load): back to the queue, encoded anew when it leaves
     * again (a fresh nonce). Returns how many times this happened.
     */
    int refusedForNow() {
        stage = Stage.QUEUED;
        frame = null;
        return ++refusals;
    }

    /**
     * The HAS acknowledged it: from now on it is known by uuid and expires at the server's {@code expire}.
     * The wait callback is told unless {@code expired} (nothing to show the user then).
     */
    void waiting(Wait wait, boolean expired, SerialExecutor callbacks) {
        stage = Stage.WAITING;
        uuid = wait.uuid();
        deadline = wait.expire();
        reader = readerForUuid.apply(uuid);
        if (onWait != null && !expired) {
            callbacks.add(() -> onWait.accept(wait));
        }
    }

    void attaching(boolean attaching) {
        this.attaching = attaching;
    }

    void dropped() {
        drops++;
    }

    ReplyReader<T> reader() {
        return reader;
    }

    void approve(T result, SerialExecutor callbacks) {
        stage = Stage.DONE;
        callbacks.add(() -> future.complete(result));
    }

    void fail(Throwable failure, SerialExecutor callbacks) {
        stage = Stage.DONE;
        callbacks.add(() -> future.completeExceptionally(failure));
    }

    /** "sign_req for alice", the words error messages use. */
    String what() {
        return family.cmd("req") + " for " + account;
    }

    @Override
    public String toString() {
        return family.cmd("req") + (uuid == null ? "" : " " + uuid) + " for " + account;
    }
}
