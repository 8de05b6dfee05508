package dev.hiveauth.server.relay;

import dev.hiveauth.protocol.message.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RequestStore} in this JVM's memory, for a relay that is alone: every stage completes at once, and nothing
 * survives a restart. Replies are kept for attach only while their bytes fit the budget; past it a reply is still
 * relayed to a connected APP, so no answer is lost, but an APP that comes back later gets attach_nack.
 */
public final class InMemoryRequestStore implements RequestStore {
    /** Bytes charged per kept reply beyond its frame: the request record and map entries that stay with it. */
    static final long KEPT_OVERHEAD = 512;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** Locks by account: a request is stored and forwarded under its account's lock, and waiting() reads under it. */
    private static final int STRIPES = 64;

    private final Map<String, HeldRequest> byUuid = new ConcurrentHashMap<>();
    /** Requests waiting for a wallet, by account: an answered one leaves at once, its kept reply is in byUuid only. */
    private final Map<String, Set<HeldRequest>> waitingByAccount = new ConcurrentHashMap<>();
    private final ExpiryBuckets<HeldRequest> deadlines = new ExpiryBuckets<>(HeldRequest::liveUntil);
    private final Object[] stripes = new Object[STRIPES];
    private final long keptBudget;
    private final AtomicLong keptBytes = new AtomicLong();
    private volatile Deliveries deliveries;

    /** A store keeping at most {@code keptReplyBytes} of replies for attach. */
    public InMemoryRequestStore(long keptReplyBytes) {
        this.keptBudget = keptReplyBytes;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public void open(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    private Object lockOf(String account) {
        return stripes[Math.floorMod(account.hashCode(), STRIPES)];
    }

    @Override
    public CompletionStage<Void> create(StoredRequest request, long now) {
        HeldRequest held = new HeldRequest(request);
        // Stored and forwarded under the account's lock: a wallet catching up reads either before both or after both.
        synchronized (lockOf(request.account())) {
            byUuid.put(request.uuid(), held);
            waitingByAccount.computeIfAbsent(request.account(), account -> ConcurrentHashMap.newKeySet()).add(held);
            deadlines.add(request.expire(), held);
            deliveries.forward(request.forward());
        }
        return DONE;
    }

    @Override
    public CompletionStage<RequestFacts> facts(String uuid) {
        HeldRequest held = byUuid.get(uuid);
        return CompletableFuture.completedFuture(held == null ? null : held.facts());
    }

    @Override
    public CompletionStage<Claim> claim(String uuid, String account, Family family, String replyFrame, String token,
                                        long now, long keepUntil) {
        HeldRequest held = byUuid.get(uuid);
        if (held == null) {
            return claimed(Verdict.EXPIRED);
        }
        if (held.family() != family) {
            return claimed(Verdict.WRONG_FAMILY);
        }
        boolean kept = reserveKept(replyFrame.length());
        String app;
        synchronized (held) {
            Verdict refused = held.isAnswered() ? Verdict.ALREADY_ANSWERED : now >= held.expire() ? Verdict.EXPIRED : null;
            if (refused != null) {
                if (kept) {
                    keptBytes.addAndGet(-(replyFrame.length() + KEPT_OVERHEAD));
                }
                return claimed(refused);
            }
            held.answer(kept ? replyFrame : null, keepUntil);
            app = held.appConnection();
        }
        leaveWaiting(held);
        Deliveries to = deliveries;
        return CompletableFuture.completedFuture(new Claim(Verdict.WON, () -> to.reply(uuid, app, replyFrame)));
    }

    private static CompletionStage<Claim> claimed(Verdict verdict) {
        return CompletableFuture.completedFuture(Claim.of(verdict));
    }

    private boolean reserveKept(long frameBytes) {
        long bytes = frameBytes + KEPT_OVERHEAD;
        while (true) {
            long current = keptBytes.get();
            if (current + bytes > keptBudget) {
                return false;
            }
            if (keptBytes.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    @Override
    public CompletionStage<Attachment> attach(String uuid, String appConnection, long now) {
        HeldRequest held = byUuid.get(uuid);
        if (held == null) {
            return CompletableFuture.completedFuture(Attachment.UNKNOWN);
        }
        return CompletableFuture.completedFuture(held.attach(appConnection, now));
    }

    @Override
    public CompletionStage<Void> watch(String account) {
        return DONE; // every request is created here: the relay's own registrations are all there is
    }

    @Override
    public void unwatch(String account) {
    }

    @Override
    public CompletionStage<Waiting> waiting(String account, long now) {
        List<Map.Entry<Long, Forward>> waiting = new ArrayList<>();
        synchronized (lockOf(account)) {
            Set<HeldRequest> requests = waitingByAccount.get(account);
            if (requests != null) {
                for (HeldRequest held : requests) {
                    Forward forward = held.forwardIfWaiting(now); // taken now: an answer drops the frame
                    if (forward != null) {
                        waiting.add(Map.entry(held.arrival(), forward));
                    }
                }
            }
        }
        waiting.sort(Map.Entry.comparingByKey());
        List<Forward> forwards = new ArrayList<>(waiting.size());
        for (Map.Entry<Long, Forward> entry : waiting) {
            forwards.add(entry.getValue());
        }
        // Read under the lock every create forwards under: no request can come both ways once this returns.
        return CompletableFuture.completedFuture(new Waiting(forwards, DONE));
    }

    private void leaveWaiting(HeldRequest held) {
        waitingByAccount.computeIfPresent(held.request().account(), (account, requests) -> {
            requests.remove(held);
            return requests.isEmpty() ? null : requests;
        });
    }

    @Override
    public synchronized void sweep(long now) {
        for (HeldRequest held : deadlines.sweep(now)) {
            if (byUuid.remove(held.request().uuid(), held)) {
                if (!held.isAnswered()) {
                    leaveWaiting(held);
                }
                long reply = held.keptReplyBytes();
                if (reply > 0) {
                    keptBytes.addAndGet(-(reply + KEPT_OVERHEAD));
                }
            }
        }
    }

    @Override
    public int requestCount() {
        return byUuid.size();
    }

    @Override
    public boolean answersAtOnce() {
        return true;
    }
}
