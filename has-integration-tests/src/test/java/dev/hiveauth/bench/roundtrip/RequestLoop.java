package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.bench.measure.LatencySummary;

/**
 * How simulated APPs send their requests once started: in a closed loop ({@link ClosedLoop}, as fast as the relay
 * answers) or an open one ({@link OpenLoop}, on a fixed schedule). Either has a warm-up, then a measured window.
 */
public interface RequestLoop {
    /** Returns when the warm-up is over: take the window's first readings then. */
    void awaitWindowStart();

    /** Returns when the measured window is over: take its last readings then. */
    void awaitWindowEnd();

    /** No request is sent after this; those in flight are still answered. */
    void stopSending();

    /** auth_acks that reached their APP inside the window; final once every request is answered. */
    long answeredInWindow();

    /** The latencies of the window (how they are counted depends on the loop); final once every request is answered. */
    LatencySummary latency();
}
