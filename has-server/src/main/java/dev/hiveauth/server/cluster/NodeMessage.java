package dev.hiveauth.server.cluster;

import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.server.relay.RequestStore;

/**
 * What nodes publish to each other: a head of newline-separated fields, then a frame as peers receive it (frames are
 * JSON, one line, so the head never reaches into them). The first letter says what it is; the node that sent it
 * follows, so a node can count what crossed from another.
 */
record NodeMessage(char kind, String from, String[] fields, String frame) {
    /**
     * A request to forward: uuid, account, family, expire, generation. The generation is 0, or how many times its node
     * made it again after Redis lost it (a failover that dropped the last writes, a restart without persistence): a
     * request of a newer generation is forwarded even to wallets that got it before, since their answer may be lost.
     */
    static final char FORWARD = 'F';
    /** A reply for an APP connection: uuid, connection. */
    static final char REPLY = 'R';
    /** The end of a wallet's catch-up: the marker's id. */
    static final char MARKER = 'M';
    /** A node's message to itself, to see that its subscriptions still deliver. */
    static final char PROBE = 'P';

    /** The head of a forward; the script appends the frame. */
    static String forwardHead(String from, String uuid, String account, Family family, long expire, int generation) {
        return FORWARD + from + "\n" + uuid + "\n" + account + "\n" + family.prefix() + "\n" + expire + "\n"
                + generation + "\n";
    }

    static String marker(String from, long id) {
        return MARKER + from + "\n" + id;
    }

    static String probe(String from, long id) {
        return PROBE + from + "\n" + id;
    }

    /** Reads a message; null when it is not one of ours. */
    static NodeMessage parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        char kind = text.charAt(0);
        int fieldCount = switch (kind) {
            case FORWARD -> 5;
            case REPLY -> 2;
            case MARKER, PROBE -> 0;
            default -> -1;
        };
        if (fieldCount < 0) {
            return null;
        }
        String[] fields = new String[fieldCount];
        int end = text.indexOf('\n');
        if (end < 0) {
            return fieldCount == 0 ? new NodeMessage(kind, text.substring(1), fields, "") : null;
        }
        String from = text.substring(1, end);
        int start = end + 1;
        for (int i = 0; i < fieldCount; i++) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                return null;
            }
            fields[i] = text.substring(start, end);
            start = end + 1;
        }
        return new NodeMessage(kind, from, fields, text.substring(start));
    }

    /** The forward this message carries (a {@link #FORWARD}). */
    RequestStore.Forward forward() {
        return new RequestStore.Forward(fields[0], fields[1], familyOf(fields[2]), Long.parseLong(fields[3]), frame);
    }

    /** The generation of the request this {@link #FORWARD} carries. */
    int generation() {
        return Integer.parseInt(fields[4]);
    }

    static Family familyOf(String prefix) {
        for (Family family : Family.values()) {
            if (family.prefix().equals(prefix)) {
                return family;
            }
        }
        throw new IllegalArgumentException("no family " + prefix);
    }
}
