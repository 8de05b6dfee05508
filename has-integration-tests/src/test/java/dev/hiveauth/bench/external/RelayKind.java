package dev.hiveauth.bench.external;

import java.util.Arrays;
import java.util.Locale;

/** The relays the external phase compares, each in a process of its own, and how their wallets answer. */
public enum RelayKind {
    /** has-server.jar at its default: replies without a pok are accepted from a verified registration. */
    HAS_COMPAT("has-compat", "has-server.jar, compat (replies without pok)", false),
    /** has-server.jar with {@code --strict-pok}: every auth_ack carries a reply pok, which the relay checks. */
    HAS_STRICT("has-strict", "has-server.jar --strict-pok (a pok on every reply)", true),
    /** naive-relay.js on Node's ws: checks nothing, so its wallets answer as in compat mode. */
    NODE("node", "naive Node relay (ws, checks nothing; replies without pok)", false),
    /** {@code bench.baselineJar} (e.g. main's jar before a change) at its default, for a before/after in one run. */
    BASE_COMPAT("base-compat", "baseline jar, compat (replies without pok)", false),
    /** {@code bench.baselineJar} with {@code --strict-pok}. */
    BASE_STRICT("base-strict", "baseline jar --strict-pok (a pok on every reply)", true);

    private final String settingName;
    private final String description;
    private final boolean replyPok;

    RelayKind(String settingName, String description, boolean replyPok) {
        this.settingName = settingName;
        this.description = description;
        this.replyPok = replyPok;
    }

    /** As written in {@code bench.servers}. */
    public String settingName() {
        return settingName;
    }

    public String description() {
        return description;
    }

    /** Whether the wallets prove each reply (an ECDH and a memo per reply, on the benchmark's side). */
    boolean replyPok() {
        return replyPok;
    }

    boolean isJar() {
        return this != NODE;
    }

    /** Whether this relay is {@code bench.baselineJar} rather than {@code bench.serverJar}. */
    boolean isBaseline() {
        return this == BASE_COMPAT || this == BASE_STRICT;
    }

    public static RelayKind named(String name) {
        return Arrays.stream(values()).filter(kind -> kind.settingName.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no relay named " + name + "; known: has-compat, "
                        + "has-strict, node, base-compat, base-strict"));
    }
}
