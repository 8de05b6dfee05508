package dev.hiveauth.pksa.cli;

import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.KeyStore;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.pksa.PksaListener;
import dev.hiveauth.pksa.service.ConfigException;
import dev.hiveauth.pksa.service.InteractivePolicy;
import dev.hiveauth.pksa.service.KeysFile;
import dev.hiveauth.pksa.service.ServiceConfig;
import dev.hiveauth.pksa.service.ServicePolicy;
import dev.hiveauth.pksa.service.StorageFile;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.message.Family;
import dev.hiveauth.protocol.payload.KeyType;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the service-mode wallet from storage.json and keys.json, and runs it until it has to stop. */
final class ServiceLauncher {
    private ServiceLauncher() {
    }

    static int run(Path configPath, boolean interactive, long approvalTimeoutSeconds, InputStream in, PrintStream out,
                   PrintStream err) {
        Logger log = LoggerFactory.getLogger(ServiceLauncher.class);
        StorageFile storage;
        KeyStore keys;
        try {
            storage = StorageFile.load(configPath);
            KeysFile.readableByOthers(configPath).ifPresent(log::warn);
            keys = servedKeys(storage, KeysFile.load(storage.config().keysFile()), log);
        } catch (ConfigException e) {
            err.println("has-pksa: " + e.getMessage());
            return HasPksaCommand.CONFIG_ERROR;
        }
        ServiceConfig config = storage.config();
        if (keys.accounts().isEmpty()) {
            err.println("has-pksa: no account to serve: list accounts in " + configPath.getFileName()
                    + " (\"accounts\") and their keys in " + config.keysFile().getFileName());
            return HasPksaCommand.CONFIG_ERROR;
        }
        Clock clock = Clock.systemUTC();
        ApprovalPolicy policy = interactive
                ? new InteractivePolicy(in, out, Duration.ofSeconds(approvalTimeoutSeconds), clock)
                : new ServicePolicy(config.authReqApprove());
        CompletableFuture<Integer> finished = new CompletableFuture<>();
        Pksa.Builder builder = Pksa.builder()
                .name(config.pksaName())
                .keys(keys)
                .auths(storage)
                .policy(policy)
                .rules(config.signingRules())
                .clock(clock)
                .hive(LiveSettings.hiveClient(config.hiveApi()))
                .serviceSecret(config.authReqSecret())
                .authDuration(config.authDuration())
                .hideEncryptedData(config.hideEncryptedData())
                .listener(new PksaListener() {
                    @Override
                    public void protocolDeclined(URI server, BigDecimal protocol) {
                        finished.complete(HasPksaCommand.PROTOCOL_DECLINED);
                    }
                });
        List<Family> reject = new ArrayList<>();
        if (config.authReqReject()) {
            reject.add(Family.AUTH);
        }
        if (config.signReqReject()) {
            reject.add(Family.SIGN);
        }
        if (config.challengeReqReject()) {
            reject.add(Family.CHALLENGE);
        }
        builder.rejectUnapproved(reject.toArray(new Family[0]));
        Pksa pksa = builder.build();
        storage.onEdit(new LiveSettings(pksa, configPath));
        Thread closer = new Thread(pksa::close, "has-pksa-shutdown");
        Runtime.getRuntime().addShutdownHook(closer);
        storage.removeExpired(clock.millis());
        log.info("has-pksa: {} serving {} on {} ({})", config.pksaName(), keys.accounts(), config.hasServer(),
                interactive ? "interactive approval" : "service mode");
        pksa.connect(config.hasServer());
        int code = finished.join();
        pksa.close();
        Runtime.getRuntime().removeShutdownHook(closer);
        return code;
    }

    /** The keys of the accounts listed in storage.json (the reference serves those only). */
    private static KeyStore servedKeys(StorageFile storage, KeyStore keysFile, Logger log) {
        Map<String, Map<KeyType, PrivateKey>> served = new LinkedHashMap<>();
        for (String account : storage.accountNames()) {
            Map<KeyType, PrivateKey> byType = new EnumMap<>(KeyType.class);
            for (KeyType type : KeyType.values()) {
                keysFile.key(account, type).ifPresent(key -> byType.put(type, key));
            }
            if (byType.isEmpty()) {
                log.warn("{} is in {} but has no key in the keys file: not served", account, storage.path().getFileName());
            } else {
                served.put(account, byType);
            }
        }
        for (String account : keysFile.accounts()) {
            if (!served.containsKey(account) && !storage.accountNames().contains(account)) {
                log.warn("{} has keys but is not in the accounts of {}: not served", account, storage.path().getFileName());
            }
        }
        return KeyStore.of(served);
    }
}
