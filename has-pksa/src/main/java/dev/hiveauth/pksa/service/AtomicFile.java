package dev.hiveauth.pksa.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new content, never a mix: the
 * new content goes to a temporary file in the same directory (same file system, so the rename is atomic),
 * is flushed to the disk, renamed over the old file, and the directory itself is flushed so the rename
 * survives a power loss too.
 */
final class AtomicFile {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);

    private AtomicFile() {
    }

    static void write(Path target, byte[] content) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, tempPrefix(absolute), ".tmp"); // owner-only on POSIX
            keepPermissions(absolute, temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("this file system cannot replace " + absolute + " atomically", e);
            }
            temp = null;
            syncDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + absolute + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.debug("cannot remove {}: {}", temp, e.toString());
                }
            }
        }
    }

    /** Removes temporary files a crash left behind next to {@code target}. */
    static void removeLeftovers(Path target) {
        Path absolute = target.toAbsolutePath();
        try (DirectoryStream<Path> leftovers =
                     Files.newDirectoryStream(absolute.getParent(), tempPrefix(absolute) + "*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
                LOG.info("removed {}, left by an interrupted write", leftover.getFileName());
            }
        } catch (IOException e) {
            LOG.debug("cannot look for leftovers of {}: {}", absolute, e.toString());
        }
    }

    private static String tempPrefix(Path absolute) {
        return "." + absolute.getFileName() + ".";
    }

    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (Files.exists(target) && Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
            Files.setPosixFilePermissions(temp, permissions);
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory: the rename is still atomic, only less durable.
            LOG.debug("cannot flush directory {}: {}", directory, e.toString());
        }
    }
}
