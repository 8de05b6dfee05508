package dev.hiveauth.bench.roundtrip;

import dev.hiveauth.protocol.chain.AccountName;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A Hive account of the benchmark: its one key (the server's account-key table knows it), and the
 * {@code auth_key} its APPs and its PKSA share, as they would after a QR-code login. The users phase takes its
 * accounts from here too, so every phase's relay knows its accounts the same way.
 */
public record BenchAccount(String name, PrivateKey key, String authKey) {

    /** {@code count} accounts named bench-0, bench-1, … with fresh keys. */
    public static List<BenchAccount> create(int count) {
        List<BenchAccount> accounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            accounts.add(new BenchAccount(AccountName.requireValid("bench-" + i), PrivateKey.generate(),
                    UUID.randomUUID().toString()));
        }
        return accounts;
    }

    /** What the server's {@code AccountKeys} lookup answers. */
    public static Map<String, Set<PublicKey>> keyTable(List<BenchAccount> accounts) {
        return accounts.stream().collect(Collectors.toMap(BenchAccount::name, a -> Set.of(a.key().publicKey())));
    }
}
