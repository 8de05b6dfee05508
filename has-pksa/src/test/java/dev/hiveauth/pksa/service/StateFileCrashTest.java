package dev.hiveauth.pksa.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.pksa.Auth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at any moment leaves the old or the new state file, never a broken one: a child JVM rewrites a large
 * storage file as fast as it can and is killed (SIGKILL) while a write is under way, many times; after each
 * kill the file must load, hold every authentication, and hold either the nonce of the interrupted write or
 * the one before it.
 */
class StateFileCrashTest {
    private static final int AUTHS = 2_000;
    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @Test
    void killedMidWriteTheFileIsTheOldOrTheNewOne() throws Exception {
        Path file = dir.resolve("storage.json");
        Files.writeString(file, storageWithManyAuths());
        Random random = new Random(20261122);
        long next = 1;
        int leftBehind = 0;

        for (int kill = 0; kill < KILLS; kill++) {
            long interrupted = hammerAndKill(file, next, 1 + random.nextInt(10));
            leftBehind += temporaryFiles() > 0 ? 1 : 0;

            StorageFile reloaded = StorageFile.load(file); // also removes what the killed write left
            List<Auth> auths = reloaded.auths("alice");
            assertThat(auths).hasSize(AUTHS);
            long newest = auths.stream().filter(a -> a.nonce() != null).mapToLong(Auth::nonce).max().orElse(0);
            assertThat(newest).as("after kill %d", kill).isBetween(interrupted - 1, interrupted);
            assertThat(temporaryFiles()).isZero();
            next = newest + 1;
        }
        // the kills really landed inside writes (a temporary file existed), not only between them
        assertThat(leftBehind).isPositive();
    }

    /** Starts the hammer and kills it as its {@code writes}-th write begins; returns that write's nonce. */
    private long hammerAndKill(Path file, long firstNonce, int writes) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), StateFileHammer.class.getName(), file.toString(),
                Long.toString(firstNonce))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int begun = 0;
            while (true) {
                String line = out.readLine();
                if (line == null) {
                    throw new AssertionError("the hammer stopped by itself");
                }
                if (line.startsWith("writing ") && ++begun == writes) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, the write cut wherever it is
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    return Long.parseLong(line.substring("writing ".length()));
                }
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private long temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    private static String storageWithManyAuths() {
        List<String> auths = new ArrayList<>();
        for (int i = 0; i < AUTHS; i++) {
            auths.add("{\"expire\": 4102444800000, \"key\": \"key-" + i + "-" + "x".repeat(36)
                    + "\", \"app\": \"app-" + i + ".example\", \"ts_create\": \"2026-01-01 00:00:00.000 \"}");
        }
        return "{\"has_server\": \"ws://localhost:3000\", \"accounts\": [{\"name\": \"alice\", \"auths\": ["
                + String.join(",\n", auths) + "]}]}";
    }
}
