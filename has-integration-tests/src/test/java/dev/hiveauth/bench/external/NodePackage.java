package dev.hiveauth.bench.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Node program of the benchmark (the naive relay, the light load generator): its files are copied out of the
 * sources into a directory under the report directory, and its dependencies installed there with {@code npm ci} from
 * its lock file, never by hand. Node is needed by the external phase only, never by {@code mvn verify}.
 */
final class NodePackage {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private NodePackage() {
    }

    /**
     * Copies the files of {@code sources} (not its folders: a {@code node_modules} left there by hand stays behind)
     * into {@code dir}, runs {@code npm ci} there and returns {@code dir}.
     */
    static Path install(Path sources, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<Path> files;
        try (Stream<Path> listing = Files.list(sources)) {
            files = listing.filter(Files::isRegularFile).toList();
        }
        if (files.stream().noneMatch(file -> file.getFileName().toString().equals("package-lock.json"))) {
            throw new IOException("no package-lock.json in " + sources + ": npm ci installs from the lock file only");
        }
        for (Path file : files) {
            Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = dir.resolve("npm-ci.log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IOException("npm ci failed in " + dir + ": " + Files.readString(log).trim());
        }
        return dir;
    }

    /**
     * Ends a process of one of these programs: they all exit when their standard input closes (so that none outlives
     * the benchmark), and are killed if they have not within {@link #STOP_TIMEOUT}.
     */
    static void stop(Process process) {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
