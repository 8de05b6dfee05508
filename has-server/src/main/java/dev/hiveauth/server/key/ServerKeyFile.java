package dev.hiveauth.server.key;

import dev.hiveauth.protocol.crypto.PrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's secp256k1 key (SPEC §3), kept as one WIF line in a file readable by its owner only.
 * Generated on first start, written atomically (temp file, fsync, rename) so a crash never leaves a half
 * key, and never overwritten: a file that is not a valid WIF stops the server instead.
 */
public final class ServerKeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(ServerKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ServerKeyFile() {
    }

    /** Loads the key from {@code file}, or generates, saves and returns a new one if the file is missing. */
    public static PrivateKey loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return load(file);
        }
        PrivateKey key = PrivateKey.generate();
        try {
            write(file, key);
            LOG.info("generated a new server key {} in {}", key.publicKey(), file);
            return key;
        } catch (FileAlreadyExistsException raced) {
            return load(file); // another process created it first: use theirs
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the server key file " + file, e);
        }
    }

    static PrivateKey load(Path file) {
        String wif;
        try {
            wif = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server key file " + file, e);
        }
        warnIfReadableByOthers(file);
        try {
            return PrivateKey.fromWif(wif);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server key file " + file + " does not hold a valid WIF key: "
                    + e.getMessage(), e);
        }
    }

    private static void write(Path file, PrivateKey key) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = directory.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(temp);
        createOwnerOnly(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.US_ASCII.encode(key.toWif() + "\n"));
            channel.force(true);
        }
        try {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createOwnerOnly(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(path);
            path.toFile().setReadable(false, false);
            path.toFile().setReadable(true, true);
            path.toFile().setWritable(false, false);
            path.toFile().setWritable(true, true);
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("server key file {} is readable by other users: chmod 600 it", file);
            }
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: nothing to check
        }
    }
}
