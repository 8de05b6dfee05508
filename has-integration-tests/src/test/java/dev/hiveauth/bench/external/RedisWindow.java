package dev.hiveauth.bench.external;

import dev.hiveauth.protocol.testing.LocalRedis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Redis itself counted over a measured window, from {@code INFO} read at both ends: the calls and time of each
 * command ({@code commandstats}, the commands Lua scripts call included), every command processed, its own CPU
 * ({@code used_cpu_user + used_cpu_sys}: every thread of the server), bytes in and out (pub/sub deliveries included) and
 * keys expired. The {@code INFO} commands the window sends are left out of the counts. Redis's own latency monitor,
 * reset as the window opens, tells its longest stalls by cause: while Redis runs one command, or expires keys, every
 * node's commands wait.
 */
final class RedisWindow {
    private static final String INFO = "info";
    /** Redis's latency monitor records every event of this many milliseconds or more. */
    private static final String STALL_THRESHOLD_MS = "1";

    private final LocalRedis redis;
    private final Snapshot start;

    private RedisWindow(LocalRedis redis) {
        this.redis = redis;
        redis.configSet("latency-monitor-threshold", STALL_THRESHOLD_MS);
        redis.command("LATENCY", "RESET");
        this.start = Snapshot.of(redis);
    }

    static RedisWindow open(LocalRedis redis) {
        return new RedisWindow(redis);
    }

    /** The server's version, as INFO gives it (e.g. 7.0.15). */
    static String version(LocalRedis redis) {
        return fields(redis.info("server")).getOrDefault("redis_version", "unknown");
    }

    RedisUse close() {
        Snapshot end = Snapshot.of(redis);
        Map<String, CommandUse> commands = new TreeMap<>();
        end.commands.forEach((name, now) -> {
            CommandUse before = start.commands.getOrDefault(name, new CommandUse(0, 0));
            if (!name.equals(INFO) && now.calls() > before.calls()) {
                commands.put(name, new CommandUse(now.calls() - before.calls(), now.usec() - before.usec()));
            }
        });
        long infoCalls = end.calls(INFO) - start.calls(INFO);
        return new RedisUse(end.cpuSeconds - start.cpuSeconds,
                end.commandsProcessed - start.commandsProcessed - infoCalls, commands,
                end.netInputBytes - start.netInputBytes, end.netOutputBytes - start.netOutputBytes,
                end.expiredKeys - start.expiredKeys, end.expiresCapped - start.expiresCapped, longestStalls());
    }

    /** {@code LATENCY LATEST}: each cause's longest stall since the window opened, in ms. */
    private Map<String, Long> longestStalls() {
        Map<String, Long> stalls = new HashMap<>();
        if (redis.command("LATENCY", "LATEST") instanceof List<?> events) {
            for (Object event : events) {
                // [event name, unix time of the latest, latest ms, longest ms]
                if (event instanceof List<?> fields && fields.size() == 4) {
                    stalls.put(String.valueOf(fields.get(0)), ((Number) fields.get(3)).longValue());
                }
            }
        }
        return stalls;
    }

    /** One reading of the counters. */
    private record Snapshot(Map<String, CommandUse> commands, long commandsProcessed, double cpuSeconds,
                            long netInputBytes, long netOutputBytes, long expiredKeys, long expiresCapped) {
        static Snapshot of(LocalRedis redis) {
            Map<String, CommandUse> commands = new HashMap<>();
            // cmdstat_evalsha:calls=12,usec=340,usec_per_call=28.33,rejected_calls=0,failed_calls=0
            fields(redis.info("commandstats")).forEach((key, value) -> {
                if (key.startsWith("cmdstat_")) {
                    Map<String, String> stat = new HashMap<>();
                    for (String pair : value.split(",")) {
                        int equals = pair.indexOf('=');
                        stat.put(pair.substring(0, equals), pair.substring(equals + 1));
                    }
                    commands.put(key.substring("cmdstat_".length()), new CommandUse(Long.parseLong(stat.get("calls")),
                            Long.parseLong(stat.get("usec"))));
                }
            });
            Map<String, String> stats = fields(redis.info("stats"));
            Map<String, String> cpu = fields(redis.info("cpu"));
            return new Snapshot(commands, Long.parseLong(stats.get("total_commands_processed")),
                    Double.parseDouble(cpu.get("used_cpu_user")) + Double.parseDouble(cpu.get("used_cpu_sys")),
                    Long.parseLong(stats.get("total_net_input_bytes")),
                    Long.parseLong(stats.get("total_net_output_bytes")), Long.parseLong(stats.get("expired_keys")),
                    Long.parseLong(stats.get("expired_time_cap_reached_count")));
        }

        long calls(String command) {
            CommandUse use = commands.get(command);
            return use == null ? 0 : use.calls();
        }
    }

    /** INFO's {@code field:value} lines; section headers and blank lines left out. */
    private static Map<String, String> fields(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** One command's calls and the microseconds Redis spent running them. */
    record CommandUse(long calls, long usec) {
    }

    /**
     * Redis's counters over the window.
     *
     * @param cpuSeconds used_cpu_user + used_cpu_sys
     * @param commandsProcessed total_commands_processed, the window's INFO commands aside
     * @param commands commandstats by command name (lower case), those called in the window only
     * @param expiresCapped expired_time_cap_reached_count: the times Redis's expiry ran to its time limit (25 ms at
     *     {@code hz 10}) with more keys still to expire, keeping every command waiting meanwhile
     * @param longestStallsMs the latency monitor's longest event of each cause ({@code expire-cycle},
     *     {@code command}, {@code fast-command} …), in ms; causes under 1 ms are absent
     */
    record RedisUse(double cpuSeconds, long commandsProcessed, Map<String, CommandUse> commands, long netInputBytes,
                    long netOutputBytes, long expiredKeys, long expiresCapped, Map<String, Long> longestStallsMs) {
        RedisUse {
            longestStallsMs = Map.copyOf(longestStallsMs);
        }
    }
}
