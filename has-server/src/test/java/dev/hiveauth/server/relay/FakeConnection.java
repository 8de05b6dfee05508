package dev.hiveauth.server.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A connection that records what the relay sends it, as JSON trees. */
final class FakeConnection implements Connection {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id = "fake" + NEXT.incrementAndGet();
    private final String address;
    private final List<String> frames = new ArrayList<>();
    private int closeCode;

    FakeConnection() {
        this("192.0.2.1");
    }

    FakeConnection(String address) {
        this.address = address;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized void send(String text) {
        if (closeCode == 0) {
            frames.add(text);
        }
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCode = code;
    }

    @Override
    public synchronized boolean isOpen() {
        return closeCode == 0;
    }

    synchronized int closeCode() {
        return closeCode;
    }

    /** Every frame received so far, parsed. */
    synchronized List<JsonNode> received() {
        List<JsonNode> parsed = new ArrayList<>();
        for (String frame : frames) {
            try {
                parsed.add(JSON.readTree(frame));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return parsed;
    }

    /** Removes and returns what arrived since the last call. */
    synchronized List<JsonNode> take() {
        List<JsonNode> parsed = received();
        frames.clear();
        return parsed;
    }

    /** The single frame that arrived since the last take; fails if there is not exactly one. */
    JsonNode takeOne() {
        List<JsonNode> taken = take();
        if (taken.size() != 1) {
            throw new AssertionError(id + " expected exactly one frame, got " + taken);
        }
        return taken.get(0);
    }

    @Override
    public String toString() {
        return id;
    }
}
