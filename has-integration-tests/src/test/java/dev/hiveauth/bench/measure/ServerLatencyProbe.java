package dev.hiveauth.bench.measure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.concurrent.TimeUnit;

/**
 * Reads the server's own {@code has.relay.latency} timer: the time from receiving a frame to queueing what
 * it makes the server send (an {@code auth_req} → its {@code auth_wait} and forwards; an {@code auth_ack} →
 * the pok check and the relayed reply), so one round trip adds two samples.
 *
 * <p>A Micrometer timer cannot be reset. Its count and total are cumulative, so the count and the mean of a
 * window are exact differences. Its percentiles come from a decaying histogram (the Prometheus registry
 * keeps about the last 40–60 s, to one significant digit, i.e. within about 10 %): a phase therefore runs
 * on a fresh server, at one steady load, so what the histogram holds is that load and nothing else.
 */
public final class ServerLatencyProbe {
    public static final String TIMER = "has.relay.latency";
    static final String PERCENTILE_NOTE = "server percentiles and max: Micrometer's decaying histogram (about the"
            + " last 40-60 s of this phase's server, all at this phase's load; about +-10 %); count and mean:"
            + " exact over the window";

    private final Timer timer;

    public ServerLatencyProbe(MeterRegistry registry) {
        this.timer = registry.get(TIMER).timer();
    }

    /** Where the cumulative count and total stand now. */
    public Mark mark() {
        return new Mark(timer.count(), timer.totalTime(TimeUnit.NANOSECONDS));
    }

    /** The window from {@code start} to now. */
    public ServerLatency since(Mark start) {
        HistogramSnapshot snapshot = timer.takeSnapshot();
        long frames = snapshot.count() - start.count();
        double meanNanos = frames == 0 ? 0 : (snapshot.total(TimeUnit.NANOSECONDS) - start.totalNanos()) / frames;
        double p50 = 0;
        double p99 = 0;
        double p999 = 0;
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            double ms = value.value(TimeUnit.MILLISECONDS);
            if (value.percentile() == 0.5) {
                p50 = ms;
            } else if (value.percentile() == 0.99) {
                p99 = ms;
            } else if (value.percentile() == 0.999) {
                p999 = ms;
            }
        }
        return new ServerLatency(frames, round(meanNanos / 1e6), round(p50), round(p99), round(p999),
                round(snapshot.max(TimeUnit.MILLISECONDS)), PERCENTILE_NOTE);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    /** A point on the timer's cumulative count and total. */
    public record Mark(long count, double totalNanos) {
    }

    /**
     * Server-added latency per relayed frame, in milliseconds.
     *
     * @param frames frames the relay handled in the window (two per round trip)
     */
    public record ServerLatency(long frames, double meanMs, double p50Ms, double p99Ms, double p999Ms, double maxMs,
                                String note) {
    }
}
