package dev.hiveauth.pksa;

import dev.hiveauth.protocol.message.Reply;
import java.util.function.Function;

/**
 * A reply decided but not yet sent: everything except the proof of key, which depends on the key of the
 * relay it goes to and is made at sending time (so the same reply can be sent again after a reconnection,
 * to a relay that may have a new key).
 *
 * @param account the account the request was for (its lowest key makes the proof)
 * @param uuid the request answered
 * @param expire when the request expires (epoch ms); the reply is kept until then
 * @param withPok builds the reply around a proof of key
 * @param onSent runs each time the reply leaves for a relay (what waits for it must not hear of it earlier: a
 *     wallet closed at once would lose it); must be harmless to run again
 */
record PendingReply(String account, String uuid, long expire, Function<String, Reply> withPok, Runnable onSent) {

    PendingReply(String account, String uuid, long expire, Function<String, Reply> withPok) {
        this(account, uuid, expire, withPok, () -> { });
    }

    /** This reply, doing {@code action} once it was sent. */
    PendingReply whenSent(Runnable action) {
        return new PendingReply(account, uuid, expire, withPok, action);
    }
}
