package dev.hiveauth.app;

import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.message.Wait;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One request of this client, from creation to its answer: queued (no connection yet), sent (waiting for
 * its {@code *_wait}), then waiting for a PKSA reply under the uuid the HAS gave it. Guarded by the client's
 * lock; its future is completed through the {@link CallbackQueue}.
 */
final class PendingRequest<T> {
    enum Stage { QUEUED, SENT, WAITING, DONE }

    private final Family family;
    private final String account;
    private final Supplier<String> encoder;
    private String frame;
    private final Function<String, ReplyReader<T>> readerForUuid;
    private final Consumer<? super Wait> onWait;
    private final CompletableFuture<T> future = new CompletableFuture<>();

    private Stage stage = Stage.QUEUED;
    private String uuid;
    private long deadline;
    private ReplyReader<T> reader;
    private boolean attaching;

    /**
     * @param encoder encodes the request, once, when it goes on the wire (under the client's lock, so that what
     *     it takes then, the nonce, follows the order of the wire)
     * @param readerForUuid builds the reply checks once the uuid is known (a nack must decrypt to it)
     * @param onWait told of the {@code *_wait}, or null
     */
    PendingRequest(Family family, String account, Supplier<String> encoder,
                   Function<String, ReplyReader<T>> readerForUuid, Consumer<? super Wait> onWait) {
        this.family = family;
        this.account = account;
        this.encoder = encoder;
        this.readerForUuid = readerForUuid;
        this.onWait = onWait;
    }

    Family family() {
        return family;
    }

    String account() {
        return account;
    }

    /** The encoded request, made at the first call: call it only to send the request. */
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

    String uuid() {
        return uuid;
    }

    long deadline() {
        return deadline;
    }

    boolean isAttaching() {
        return attaching;
    }

    void queued(long deadline) {
        this.stage = Stage.QUEUED;
        this.deadline = deadline;
    }

    void sent() {
        stage = Stage.SENT;
    }

    /**
     * The HAS acknowledged it: from now on it is known by uuid and expires at the server's {@code expire}.
     * The wait callback is told unless {@code expired} (nothing to show the user then).
     */
    void waiting(Wait wait, boolean expired, CallbackQueue callbacks) {
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

    ReplyReader<T> reader() {
        return reader;
    }

    void approve(T result, CallbackQueue callbacks) {
        stage = Stage.DONE;
        callbacks.add(() -> future.complete(result));
    }

    void fail(Throwable failure, CallbackQueue callbacks) {
        stage = Stage.DONE;
        callbacks.add(() -> future.completeExceptionally(failure));
    }

    @Override
    public String toString() {
        return family.cmd("req") + (uuid == null ? "" : " " + uuid) + " for " + account;
    }
}
