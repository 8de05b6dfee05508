package dev.hiveauth.bench.measure;

import dev.hiveauth.bench.measure.HotspotProfiler.Hotspots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JFR stack sampling of another JVM on this machine (a relay in a child process), started and stopped with
 * {@code jcmd}, summed up as {@link HotspotProfiler} sums this JVM's. Only execution samples are recorded, at the
 * same period as in this JVM: the other events of JFR's own settings files would cost the child more. The
 * recording stays in the directory given, for {@code jfr print}.
 */
public final class ChildProfiler {
    private static final String NAME = "bench-hotspots";
    private static final long JCMD_TIMEOUT_SECONDS = 60;

    private final long pid;
    private final Path recording;

    private ChildProfiler(long pid, Path recording) {
        this.pid = pid;
        this.recording = recording;
    }

    /** Starts sampling the JVM {@code pid} now; its settings and recording go to {@code dir}. */
    public static ChildProfiler start(long pid, Path dir) throws IOException {
        Path settings = dir.resolve("execution-samples.jfc");
        Files.writeString(settings, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="execution samples">
                  <event name="%s">
                    <setting name="enabled">true</setting>
                    <setting name="period">%d ms</setting>
                  </event>
                </configuration>
                """.formatted(HotspotProfiler.EVENT, HotspotProfiler.PERIOD.toMillis()), StandardCharsets.UTF_8);
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=" + settings.toAbsolutePath());
        return new ChildProfiler(pid, dir.resolve("hotspots.jfr").toAbsolutePath());
    }

    /** Stops sampling and sums up what was sampled. */
    public Hotspots stop() throws IOException {
        jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + recording);
        return HotspotProfiler.summarize(recording);
    }

    private static void jcmd(long pid, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        try {
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IOException(String.join(" ", line) + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            jcmd.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running jcmd", e);
        }
    }
}
