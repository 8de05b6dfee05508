package dev.hiveauth.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU goes during a window, from JFR's execution samples (async-profiler is not available here;
 * JFR ships with the JDK and samples Java threads every few ms at little cost). The samples are summed up
 * three ways: the method on top (self time), the component it belongs to, and the work in progress anywhere
 * on the stack (pok creation, pok checking, the relay, the simulated peers …). Stacks are cut at JFR's
 * stack depth (64 by default; the bench profile raises it so the relay's frames stay in view).
 */
public final class HotspotProfiler {
    static final String EVENT = "jdk.ExecutionSample";
    static final Duration PERIOD = Duration.ofMillis(10);
    private static final int TOP_METHODS = 15;

    /** Work that shows up anywhere on a stack: a label and the frame prefix that marks it. */
    private static final List<Map.Entry<String, String>> ACTIVITIES = List.of(
            Map.entry("server: all relay work (Relay.onText)", "dev.hiveauth.server.relay.Relay.onText"),
            Map.entry("server: reply pok check (ProofOfKey$Verifier.verifyReply)",
                    "dev.hiveauth.protocol.crypto.ProofOfKey$Verifier.verifyReply"),
            Map.entry("PKSA: reply pok creation (ProofOfKey.forReply)", "dev.hiveauth.protocol.crypto.ProofOfKey.forReply"),
            Map.entry("simulated PKSAs, all (SimulatedPksa)", "dev.hiveauth.bench.roundtrip.SimulatedPksa."),
            Map.entry("simulated APPs, all (SimulatedApp)", "dev.hiveauth.bench.roundtrip.SimulatedApp."),
            Map.entry("payload AES, APP and PKSA (CryptoJsAes)", "dev.hiveauth.protocol.crypto.CryptoJsAes."),
            Map.entry("message JSON, all roles (MessageCodec)", "dev.hiveauth.protocol.message.MessageCodec."),
            Map.entry("metrics (Micrometer)", "io.micrometer."),
            Map.entry("WebSocket frames (Tyrus)", "org.glassfish.tyrus."),
            Map.entry("network I/O (Grizzly)", "org.glassfish.grizzly."));

    /** The component of a top frame, by class-name prefix, first match wins. */
    private static final List<Map.Entry<String, String>> COMPONENTS = List.of(
            Map.entry("org.bouncycastle.", "BouncyCastle (EC math, AES, hashes)"),
            Map.entry("dev.hiveauth.protocol.crypto.", "has-protocol crypto (Base58, memo, pok)"),
            Map.entry("dev.hiveauth.protocol.", "has-protocol messages and JSON"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("dev.hiveauth.server.", "has-server"),
            Map.entry("dev.hiveauth.bench.", "benchmark harness"),
            Map.entry("org.glassfish.tyrus.", "Tyrus"),
            Map.entry("org.glassfish.grizzly.", "Grizzly"),
            Map.entry("io.micrometer.", "Micrometer"),
            Map.entry("org.HdrHistogram.", "Micrometer"),
            Map.entry("ch.qos.logback.", "logging"),
            Map.entry("org.slf4j.", "logging"),
            Map.entry("java.math.", "JDK BigInteger/BigDecimal"),
            Map.entry("sun.nio.", "JDK NIO"),
            Map.entry("java.nio.", "JDK NIO"),
            Map.entry("java.util.concurrent.", "JDK concurrency"),
            Map.entry("java.lang.String", "JDK strings"),
            Map.entry("java.lang.StringLatin1", "JDK strings"),
            Map.entry("java.lang.AbstractStringBuilder", "JDK strings"),
            Map.entry("java.util.", "JDK collections"),
            Map.entry("java.", "JDK other"),
            Map.entry("jdk.", "JDK other"),
            Map.entry("sun.", "JDK other"));

    private final Recording recording = new Recording();

    private HotspotProfiler() {
        recording.enable(EVENT).withPeriod(PERIOD);
    }

    /** Starts sampling now. */
    public static HotspotProfiler start() {
        HotspotProfiler profiler = new HotspotProfiler();
        profiler.recording.start();
        return profiler;
    }

    /** Stops sampling and sums up what was sampled. */
    public Hotspots stop() {
        recording.stop();
        try {
            Path file = Files.createTempFile("hiveauth-bench", ".jfr");
            try {
                recording.dump(file);
                return summarize(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JFR recording", e);
        } finally {
            recording.close();
        }
    }

    /** Sums up the execution samples of a recording file, this JVM's or another's ({@link ChildProfiler}). */
    static Hotspots summarize(Path recording) throws IOException {
        return summarize(RecordingFile.readAllEvents(recording));
    }

    private static Hotspots summarize(List<RecordedEvent> events) {
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> components = new HashMap<>();
        Map<String, Long> activities = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : events) {
            if (!EVENT.equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            List<RecordedFrame> frames = stack.getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            String top = name(frames.get(0));
            methods.merge(top, 1L, Long::sum);
            components.merge(component(top), 1L, Long::sum);
            for (Map.Entry<String, String> activity : ACTIVITIES) {
                if (frames.stream().anyMatch(frame -> name(frame).startsWith(activity.getValue()))) {
                    activities.merge(activity.getKey(), 1L, Long::sum);
                }
            }
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(CpuMeter.group(String.valueOf(thread)), 1L, Long::sum);
        }
        long total = samples;
        Function<Map<String, Long>, Map<String, Double>> shares = counts -> percent(counts, total, Integer.MAX_VALUE);
        return new Hotspots(samples, PERIOD.toMillis(), percent(methods, total, TOP_METHODS), shares.apply(components),
                shares.apply(activities), percent(threads, total, 12));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String component(String frame) {
        for (Map.Entry<String, String> component : COMPONENTS) {
            if (frame.startsWith(component.getKey())) {
                return component.getValue();
            }
        }
        return "other";
    }

    /** The largest {@code limit} entries as percentages of {@code total}, largest first. */
    private static Map<String, Double> percent(Map<String, Long> counts, long total, int limit) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> shares.put(e.getKey(), Math.round(1000.0 * e.getValue() / Math.max(1, total)) / 10.0));
        return shares;
    }

    /**
     * Sampled CPU of one window, every figure a percentage of the samples.
     *
     * @param samples execution samples taken (Java threads running Java code; time in native I/O calls and in
     *     the JVM's own threads — GC, JIT — is not sampled)
     * @param periodMs sampling period per thread
     * @param topMethods self time of the busiest methods
     * @param selfByComponent self time by library or module
     * @param inclusiveByActivity samples with the activity anywhere on the stack (they overlap)
     * @param byThreadGroup samples by thread, numbers in names folded
     */
    public record Hotspots(long samples, long periodMs, Map<String, Double> topMethods,
                           Map<String, Double> selfByComponent, Map<String, Double> inclusiveByActivity,
                           Map<String, Double> byThreadGroup) {
    }
}
