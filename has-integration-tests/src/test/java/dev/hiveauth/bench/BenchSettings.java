package dev.hiveauth.bench;

import dev.hiveauth.bench.external.ExternalSettings;
import dev.hiveauth.bench.external.GeneratorKind;
import dev.hiveauth.bench.external.RelayKind;
import dev.hiveauth.bench.external.Topology;
import dev.hiveauth.bench.users.UserFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What one benchmark run does, read from {@code bench.*} system properties; an unset or blank property
 * takes the default shown (so the Maven profile can pass every property, empty when the user gave none).
 * Durations are written {@code 500ms}, {@code 15s} or {@code 2m}. The defaults make a full run last about
 * four minutes on two cores.
 *
 * @param phases which parts run ({@code bench.phases=saturation,rate,users,idle}; {@code external} and
 *     {@code cluster} too when named)
 * @param apps simulated APP connections ({@code bench.apps=8})
 * @param pksas simulated PKSA connections ({@code bench.pksas=4})
 * @param accountsPerPksa accounts each PKSA registers ({@code bench.accountsPerPksa=2})
 * @param replyPok whether PKSAs prove their replies ({@code bench.replyPok=true}); false measures what the
 *     PKSAs' ECDH costs, with the server accepting replies on the registration alone (compat mode)
 * @param inFlight closed loop: requests each APP keeps outstanding ({@code bench.inFlight=8})
 * @param warmup closed loop: time before measuring; long, so the JIT is done ({@code bench.warmup=30s})
 * @param window closed loop: the measured window ({@code bench.window=30s})
 * @param rate open loop: requests per second over all APPs ({@code bench.rate=1000})
 * @param rateWarmup open loop: time at the rate before measuring ({@code bench.rateWarmup=10s})
 * @param rateWindow open loop: the measured window ({@code bench.rateWindow=30s})
 * @param drainTimeout how long to wait for the last answers after sending stops ({@code bench.drainTimeout=30s})
 * @param serverTimeout the server's request timeout, whole seconds ({@code bench.serverTimeout=60s})
 * @param profile sample stacks with JFR in a window after the closed-loop one ({@code bench.profile=true})
 * @param userAccounts users: accounts, all on one service wallet ({@code bench.userAccounts=100})
 * @param userClients users: HasClients the logins are spread over ({@code bench.userClients=1})
 * @param userLogins users: logins submitted at once ({@code bench.userLogins=5000})
 * @param userFlows users: the clients' flow control, one run each ({@code bench.userFlow=default,relay})
 * @param connections idle connections to open to the child server ({@code bench.connections=19000})
 * @param openThreads threads opening idle connections ({@code bench.openThreads=4})
 * @param sourceAddresses local addresses for idle connections, round robin; empty lets the kernel choose
 *     ({@code bench.sourceAddresses=127.0.0.2,127.0.0.3})
 * @param idleHeap the child server's -Xmx ({@code bench.idleHeap=1g})
 * @param external the relays the external and cluster phases compare and how often ({@link ExternalSettings})
 * @param reportDir where bench-report.json and bench-summary.txt go ({@code bench.reportDir=target})
 */
public record BenchSettings(Set<Phase> phases, int apps, int pksas, int accountsPerPksa, boolean replyPok, int inFlight,
                            Duration warmup, Duration window, int rate, Duration rateWarmup, Duration rateWindow,
                            Duration drainTimeout, Duration serverTimeout, boolean profile, int userAccounts,
                            int userClients, int userLogins, List<UserFlow> userFlows, int connections,
                            int openThreads, List<String> sourceAddresses, String idleHeap, ExternalSettings external,
                            Path reportDir) {

    /** The parts of a run. */
    public enum Phase { SATURATION, RATE, USERS, IDLE, EXTERNAL, CLUSTER }

    public BenchSettings {
        phases = phases.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(phases));
        userFlows = List.copyOf(userFlows);
        sourceAddresses = List.copyOf(sourceAddresses);
        positive(apps, "apps");
        positive(pksas, "pksas");
        positive(accountsPerPksa, "accountsPerPksa");
        positive(inFlight, "inFlight");
        positive(rate, "rate");
        positive(userAccounts, "userAccounts");
        positive(userClients, "userClients");
        positive(userLogins, "userLogins");
        if (userFlows.isEmpty()) {
            throw new IllegalArgumentException("bench.userFlow must name at least one of default, relay");
        }
        positive(connections, "connections");
        positive(openThreads, "openThreads");
        if (serverTimeout.toMillis() % 1000 != 0 || serverTimeout.isZero()) {
            throw new IllegalArgumentException("bench.serverTimeout must be a positive whole number of seconds");
        }
    }

    /** The defaults, overridden by whatever {@code bench.*} system properties are set. */
    public static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                read("phases", "saturation,rate,users,idle", BenchSettings::phaseSet),
                read("apps", "8", Integer::parseInt),
                read("pksas", "4", Integer::parseInt),
                read("accountsPerPksa", "2", Integer::parseInt),
                read("replyPok", "true", Boolean::parseBoolean),
                read("inFlight", "8", Integer::parseInt),
                read("warmup", "30s", BenchSettings::duration),
                read("window", "30s", BenchSettings::duration),
                read("rate", "1000", Integer::parseInt),
                read("rateWarmup", "10s", BenchSettings::duration),
                read("rateWindow", "30s", BenchSettings::duration),
                read("drainTimeout", "30s", BenchSettings::duration),
                read("serverTimeout", "60s", BenchSettings::duration),
                read("profile", "true", Boolean::parseBoolean),
                read("userAccounts", "100", Integer::parseInt),
                read("userClients", "1", Integer::parseInt),
                read("userLogins", "5000", Integer::parseInt),
                read("userFlow", "default,relay", text -> list(text).stream().map(UserFlow::named).distinct().toList()),
                read("connections", "19000", Integer::parseInt),
                read("openThreads", "4", Integer::parseInt),
                read("sourceAddresses", "", BenchSettings::list),
                read("idleHeap", "1g", String::trim),
                new ExternalSettings(
                        read("servers", "has-compat,has-strict,node",
                                text -> list(text).stream().map(RelayKind::named).distinct().toList()),
                        read("rounds", "3", Integer::parseInt),
                        read("serverHeap", "1g", String::trim),
                        read("serverJvmOptions", "-XX:+UseG1GC", text -> List.of(text.split("\\s+"))),
                        read("serverJar", "../has-server/target/has-server.jar", Path::of),
                        read("baselineJar", "", text -> text.isEmpty() ? null : Path.of(text)),
                        read("naiveRelay", "bench/naive-relay", Path::of),
                        read("generator", "jvm", GeneratorKind::named),
                        read("nodeGenerator", "bench/generator", Path::of),
                        read("clusterServers", "has-compat,has-strict",
                                text -> list(text).stream().map(RelayKind::named).distinct().toList()),
                        read("clusterTopologies", "single,cluster",
                                text -> list(text).stream().map(Topology::named).distinct().toList())),
                read("reportDir", "target", Path::of));
    }

    public boolean runs(Phase phase) {
        return phases.contains(phase);
    }

    public int accounts() {
        return pksas * accountsPerPksa;
    }


    /** {@code 500ms}, {@code 15s}: how the settings are written. */
    public static String show(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static <T> T read(String name, String fallback, Function<String, T> parse) {
        String value = System.getProperty("bench." + name);
        String text = value == null || value.isBlank() ? fallback : value.trim();
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bench." + name + "=" + text + " is not valid: " + e.getMessage(), e);
        }
    }

    /** {@code 500ms}, {@code 15s}, {@code 2m}; a bare number is seconds. */
    static Duration duration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }

    private static Set<Phase> phaseSet(String text) {
        EnumSet<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String name : list(text)) {
            phases.add(Phase.valueOf(name.toUpperCase(Locale.ROOT)));
        }
        return phases;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException("bench." + name + " must be positive");
        }
    }
}
