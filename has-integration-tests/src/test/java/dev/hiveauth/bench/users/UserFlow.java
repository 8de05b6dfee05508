package dev.hiveauth.bench.users;

import dev.hiveauth.app.FlowControl;
import java.util.Locale;

/** How the backend's {@link dev.hiveauth.app.HasClient}s pace themselves in the users phase. */
public enum UserFlow {
    /**
     * The client's defaults (4 connections × 40 messages/s, bursts of 100, 90 in flight): safe on any relay that
     * follows SPEC §1's example limits, so what a backend gets without knowing its relay.
     */
    DEFAULT(FlowControl.DEFAULT),
    /**
     * As fast as this project's relay allows a socket at {@code Limits.DEFAULT}: 100 messages/s with bursts of
     * 1,000, and 900 in flight, a margin under its 1,000 pending requests.
     */
    RELAY(FlowControl.DEFAULT.withRate(90, 900).withMaxInFlightPerConnection(900));

    private final FlowControl flowControl;

    UserFlow(FlowControl flowControl) {
        this.flowControl = flowControl;
    }

    public FlowControl flowControl() {
        return flowControl;
    }

    /** As written in {@code bench.userFlow}: default, relay. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code default} or {@code relay}, any case. */
    public static UserFlow named(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
