package dev.hiveauth.bench.external;

import java.nio.file.Path;
import java.util.List;

/**
 * What the external phase compares and how often; its load is the closed loop's ({@code bench.apps},
 * {@code bench.inFlight}, {@code bench.pksas}, {@code bench.accountsPerPksa}, {@code bench.warmup},
 * {@code bench.window}).
 *
 * @param servers the relays, in the order of the first round; later rounds alternate it
 *     ({@code bench.servers=has-compat,has-strict,node})
 * @param rounds how many times each relay is measured, each time in a fresh process ({@code bench.rounds=3})
 * @param serverHeap the jar's {@code -Xms} and {@code -Xmx} ({@code bench.serverHeap=1g})
 * @param serverJvmOptions the jar's other JVM options, its collector's first: a relay's latency tail is mostly its
 *     pauses ({@code bench.serverJvmOptions=-XX:+UseG1GC}, separated by spaces)
 * @param serverJar the relay to measure ({@code bench.serverJar=../has-server/target/has-server.jar})
 * @param baselineJar the jar {@code base-compat} and {@code base-strict} run ({@code bench.baselineJar}, none by
 *     default), to measure a change against the jar before it side by side
 * @param naiveRelay where naive-relay.js and its package files are ({@code bench.naiveRelay=bench/naive-relay});
 *     the phase installs its {@code ws} with {@code npm ci} into a copy under the report directory
 * @param generator what drives the relays ({@code bench.generator=jvm}; {@code node} for the light generator)
 * @param nodeGenerator where the Node generator's files are ({@code bench.nodeGenerator=bench/generator}); installed
 *     like the naive relay, when {@code generator} is {@code node}
 * @param clusterServers the cluster phase: the jar's modes measured alone and as two nodes on Redis, each in a closed
 *     loop; the first also in the open loop, and beside it the baseline jar's and the naive relay's ({@code node}, a
 *     yardstick: two naive nodes on Redis, one PUBLISH each way) when named ({@code
 *     bench.clusterServers=has-compat,has-strict}; a jar's mode first). The
 *     cluster phase takes {@code rounds}, {@code serverHeap}, {@code serverJar}, {@code baselineJar}, {@code generator},
 *     {@code nodeGenerator} and {@code naiveRelay} from here too.
 * @param clusterTopologies the cluster phase: what it deploys, in the first round's order (later rounds reverse it)
 *     ({@code bench.clusterTopologies=single,cluster}; {@code cluster} alone measures the cluster without comparing)
 */
public record ExternalSettings(List<RelayKind> servers, int rounds, String serverHeap, List<String> serverJvmOptions,
                               Path serverJar, Path baselineJar, Path naiveRelay, GeneratorKind generator, Path nodeGenerator,
                               List<RelayKind> clusterServers, List<Topology> clusterTopologies) {
    public ExternalSettings {
        servers = List.copyOf(servers);
        serverJvmOptions = List.copyOf(serverJvmOptions);
        clusterServers = List.copyOf(clusterServers);
        clusterTopologies = List.copyOf(clusterTopologies);
        if (clusterTopologies.isEmpty()) {
            throw new IllegalArgumentException("bench.clusterTopologies must name single, cluster or both");
        }
        if (clusterServers.isEmpty() || !clusterServers.get(0).isJar()) {
            throw new IllegalArgumentException("bench.clusterServers must name has-compat, has-strict, base-compat or"
                    + " base-strict (the jar's modes) first, then any of these or node");
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("bench.servers must name at least one of has-compat, has-strict, node");
        }
        if (baselineJar == null && (servers.stream().anyMatch(RelayKind::isBaseline)
                || clusterServers.stream().anyMatch(RelayKind::isBaseline))) {
            throw new IllegalArgumentException("base-compat and base-strict need -Dbench.baselineJar=<jar>");
        }
        if (rounds <= 0) {
            throw new IllegalArgumentException("bench.rounds must be positive");
        }
    }
}
