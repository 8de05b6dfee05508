package dev.hiveauth.it.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sees the wallet start writing its state file — the temporary file it writes before renaming it over the old
 * one appears in the directory — and runs an action at that very moment, on its own thread, so that a kill lands
 * while the write is under way rather than whenever the test next looks.
 */
final class WriteWatcher implements AutoCloseable {
    private final WatchService watcher;
    private final AtomicReference<Runnable> armed = new AtomicReference<>();
    private final Thread thread;

    WriteWatcher(Path directory) {
        try {
            watcher = FileSystems.getDefault().newWatchService();
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::watch, "state-file-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code action} once, when the next temporary file appears. */
    void onNextWrite(Runnable action) {
        armed.set(action);
    }

    /** True once the action armed last has run. */
    boolean fired() {
        return armed.get() == null;
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path created && created.toString().endsWith(".tmp")) {
                        Runnable action = armed.getAndSet(null);
                        if (action != null) {
                            action.run();
                        }
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        thread.interrupt();
    }
}
