package dev.hiveauth.bench.external;

import java.util.Arrays;
import java.util.Locale;

/** How the cluster phase deploys has-server.jar: one node alone, or two nodes sharing their requests in Redis. */
public enum Topology {
    /** One node, requests in its memory (no Redis): APPs and wallets on it. */
    SINGLE("single", "one node, no Redis"),
    /** Two nodes on one Redis, APPs on node 1 and wallets on node 2: every request and reply crosses nodes. */
    CLUSTER("cluster", "two nodes on one Redis, APPs on node 1, wallets on node 2");

    private final String settingName;
    private final String description;

    Topology(String settingName, String description) {
        this.settingName = settingName;
        this.description = description;
    }

    /** As the report names it. */
    public String settingName() {
        return settingName;
    }

    /** What is deployed, in a few words. */
    public String description() {
        return description;
    }

    /** The topology written {@code name} in {@code bench.clusterTopologies}. */
    public static Topology named(String name) {
        return Arrays.stream(values()).filter(topology -> topology.settingName.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topology named " + name
                        + "; known: single, cluster"));
    }
}
