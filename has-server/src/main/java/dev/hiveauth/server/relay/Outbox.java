package dev.hiveauth.server.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An APP connection's answers in the order its requests arrived (SPEC §6: the only correlation a client has for a
 * {@code *_wait} is its order). Each request takes a {@link Slot} when it arrives; the slot is filled when the store
 * has answered, perhaps after later ones, and frames leave only from the front. A reply that reaches this node before
 * its request's {@code *_wait} left (a fast wallet on another node) follows that slot, never precedes it.
 */
final class Outbox {
    private final Connection connection;
    private final ArrayDeque<Slot> unsent = new ArrayDeque<>();

    Outbox(Connection connection) {
        this.connection = connection;
    }

    /** A place in line for the answer to a request that just arrived. */
    synchronized Slot reserve() {
        Slot slot = new Slot();
        unsent.add(slot);
        return slot;
    }

    /** The slot's answer is known: it leaves once every slot before it has. */
    synchronized void fill(Slot slot, String frame) {
        slot.frame = frame;
        while (!unsent.isEmpty() && unsent.peekFirst().frame != null) {
            Slot first = unsent.pollFirst();
            connection.send(first.frame);
            first.sent = true;
            if (first.following != null) {
                first.following.forEach(connection::send);
                first.following = null;
            }
        }
    }

    /** An answer with nothing to wait for (a refusal), in line behind the answers not sent yet. */
    synchronized void answer(String frame) {
        if (unsent.isEmpty()) {
            connection.send(frame);
        } else {
            fill(reserve(), frame);
        }
    }

    /** A frame that must come after {@code slot}'s (null: after nothing), at once if that one has left. */
    synchronized void after(Slot slot, String frame) {
        if (slot == null || slot.sent) {
            connection.send(frame);
            return;
        }
        if (slot.following == null) {
            slot.following = new ArrayList<>(1);
        }
        slot.following.add(frame);
    }

    /** One answer's place in line. */
    static final class Slot {
        private String frame;
        private boolean sent;
        private List<String> following;
    }
}
