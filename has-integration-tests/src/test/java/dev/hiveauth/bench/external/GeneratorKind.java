package dev.hiveauth.bench.external;

import java.util.Arrays;
import java.util.Locale;

/** What drives the relays of the external phase ({@code bench.generator}); both send the same traffic. */
public enum GeneratorKind {
    /**
     * The simulated peers of the in-process phases, in the benchmark JVM on Tyrus's client, with full crypto per round
     * trip: more CPU per round trip than the relays it drives, so on two cores it measures itself as much as the relay.
     * Needs no Node: what {@code mvn verify}'s smoke run uses.
     */
    JVM("jvm", "the benchmark JVM: simulated peers on Tyrus, payloads encrypted per request"),
    /** bench/generator on Node's ws, one process per APP and per wallet, payloads encrypted once per account. */
    NODE("node", "Node processes (bench/generator), one per APP and wallet, payloads encrypted once per account");

    private final String settingName;
    private final String description;

    GeneratorKind(String settingName, String description) {
        this.settingName = settingName;
        this.description = description;
    }

    /** As written in {@code bench.generator}. */
    public String settingName() {
        return settingName;
    }

    public String description() {
        return description;
    }

    public static GeneratorKind named(String name) {
        return Arrays.stream(values()).filter(kind -> kind.settingName.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no generator named " + name + "; known: jvm, node"));
    }
}
