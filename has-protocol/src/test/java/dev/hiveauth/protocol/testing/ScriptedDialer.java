package dev.hiveauth.protocol.testing;

import dev.hiveauth.protocol.transport.Dialer;
import dev.hiveauth.protocol.transport.Link;
import dev.hiveauth.protocol.transport.LinkEvents;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * A {@link Dialer} the test plays the network for: each dial waits in a queue until the test opens it, fails it
 * or leaves it hanging, and an opened {@link ScriptedLink} records what was sent and lets the test deliver
 * frames, pongs and closes. Everything happens on the test's thread, in the order the test says.
 */
public final class ScriptedDialer implements Dialer {
    private final Queue<Dial> dials = new ArrayDeque<>();

    @Override
    public synchronized void dial(URI uri, Duration handshakeTimeout, LinkEvents events) {
        dials.add(new Dial(uri, events));
    }

    /** The oldest dial not yet taken; fails when there is none. */
    public synchronized Dial nextDial() {
        Dial next = dials.poll();
        if (next == null) {
            throw new AssertionError("no connection attempt was made");
        }
        return next;
    }

    /** How many dials wait to be taken. */
    public synchronized int waitingDials() {
        return dials.size();
    }

    /** One connection attempt. */
    public static final class Dial {
        private final URI uri;
        private final LinkEvents events;

        private Dial(URI uri, LinkEvents events) {
            this.uri = uri;
            this.events = events;
        }

        public URI uri() {
            return uri;
        }

        /** The handshake succeeds. */
        public ScriptedLink open() {
            ScriptedLink link = new ScriptedLink(events);
            events.opened(link);
            return link;
        }

        /** The attempt fails, e.g. connection refused. */
        public void fail(String why) {
            events.failed(null, new IOException(why));
        }
    }

    /** An open connection as the client sees it. */
    public static final class ScriptedLink implements Link {
        private final LinkEvents events;
        private final List<String> sent = new ArrayList<>();
        private int pings;
        private Integer closeCode;

        private ScriptedLink(LinkEvents events) {
            this.events = events;
        }

        @Override
        public synchronized void send(String frame) {
            sent.add(frame);
        }

        @Override
        public synchronized void ping() {
            pings++;
        }

        @Override
        public synchronized void close(int code, String reason) {
            if (closeCode == null) {
                closeCode = code;
            }
        }

        /** The relay sends a text frame. */
        public void receive(String frame) {
            events.text(this, frame);
        }

        /** The relay answers a ping. */
        public void pong() {
            events.pong(this);
        }

        /** The relay (or the network) closes the connection. */
        public void closeFromRelay(String why) {
            events.closed(this, why);
        }

        /** A send on this connection failed. */
        public void breakDown(String why) {
            events.failed(this, new IOException(why));
        }

        public synchronized List<String> sent() {
            return List.copyOf(sent);
        }

        public synchronized int pings() {
            return pings;
        }

        /** The code the client closed with, or null while it has not closed. */
        public synchronized Integer closeCode() {
            return closeCode;
        }
    }
}
