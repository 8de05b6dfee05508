package dev.hiveauth.pksa.cli;

import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.pksa.service.StorageEdit;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a hand edit of storage.json to the running service where it can: a new {@code hive_api} replaces the wallet's
 * Hive client at once. The other settings, and the accounts served, are read at start only (the relay connection, the
 * registrations, the approval policy and the keys are made from them), so the log names each one the edit changed and
 * says a restart applies it; until then the service keeps what it started with.
 */
final class LiveSettings implements Consumer<StorageEdit> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSettings.class);

    private final Pksa pksa;
    private final String file;

    LiveSettings(Pksa pksa, Path storageFile) {
        this.pksa = pksa;
        this.file = storageFile.getFileName().toString();
    }

    /** The Hive client for a {@code hive_api} list: these nodes in order, with failover. */
    static HiveClient hiveClient(List<URI> nodes) {
        return HiveClient.builder().nodes(nodes.stream().map(URI::toString).toList()).build();
    }

    @Override
    public void accept(StorageEdit edit) {
        List<String> atRestart = new ArrayList<>(edit.changedSettings());
        if (atRestart.remove("hive_api")) {
            pksa.useHive(hiveClient(edit.after().hiveApi()));
            LOG.info("{}: hive_api changed: transactions are now built on and broadcast to {}", file,
                    edit.after().hiveApi());
        }
        if (edit.accountsChanged()) {
            atRestart.add("accounts");
        }
        if (!atRestart.isEmpty()) {
            LOG.warn("{}: {} changed: restart has-pksa to apply {} (until then it runs as it started)", file,
                    String.join(", ", atRestart), atRestart.size() == 1 ? "it" : "them");
        }
    }
}
