package dev.hiveauth.protocol.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * The redis-server executable for this machine, taken out of the embedded-redis jar once per JVM.
 *
 * <p>embedded-redis (org.signal) ships static Redis builds as resources at its jar's root, named
 * {@code redis-server-<version>-<os>-<arch>}. Only those bytes are used: {@link LocalRedis} runs the file itself,
 * so how a test starts, stops, crashes or freezes a server is up to this project, not to that library's classes.
 */
final class RedisServerBinary {
    /** The version every binary in embedded-redis 0.9.1 is built from. */
    static final String VERSION = "7.0.15";

    private static Path extracted;

    private RedisServerBinary() {
    }

    /** The executable (owner-only, deleted when the JVM exits); extracted at the first call. */
    static synchronized Path path() {
        if (extracted == null) {
            extracted = extract(resourceName());
        }
        return extracted;
    }

    /** The jar resource for this OS and processor, e.g. {@code redis-server-7.0.15-linux-amd64}. */
    static String resourceName() {
        return "redis-server-" + VERSION + "-" + os() + "-" + arch();
    }

    private static Path extract(String resource) {
        try (InputStream in = RedisServerBinary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the class path: is org.signal:embedded-redis"
                        + " a test dependency of this module? (has-protocol's test-jar does not bring it)");
            }
            // createTempFile makes the file readable and writable by its owner alone; executable is added below
            Path file = Files.createTempFile("redis-server-" + VERSION + "-", "");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource, e);
        }
    }

    private static String os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "linux";
        }
        if (name.startsWith("mac")) {
            return "darwin";
        }
        throw new IllegalStateException("embedded-redis has no redis-server for " + System.getProperty("os.name"));
    }

    private static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> throw new IllegalStateException("embedded-redis has no redis-server for the processor " + arch);
        };
    }
}
