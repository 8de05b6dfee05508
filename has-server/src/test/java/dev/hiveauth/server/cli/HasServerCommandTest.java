package dev.hiveauth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.server.HeapBudget;
import dev.hiveauth.server.OpenFiles;
import dev.hiveauth.server.relay.AddressLimits;
import dev.hiveauth.server.relay.Limits;
import dev.hiveauth.server.transport.TransportLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's limits, parsed without starting a server. */
class HasServerCommandTest {
    private static final long MIB = 1024L * 1024;

    private static HasServerCommand parsed(String... args) {
        HasServerCommand command = new HasServerCommand();
        HasServerCommand.commandLine(command).parseArgs(args);
        return command;
    }

    /** The default column of the option's row in the README's table of server options. */
    private static String readmeDefault(String option) throws IOException {
        String row = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(line -> line.startsWith("| `" + option + "`"))
                .findFirst().orElseThrow(() -> new AssertionError("README has no row for " + option));
        return row.split("\\|")[3].trim();
    }

    @Test
    void withoutOptionsTheLimitsAreTheDefaults_withMemoryCapsFittedToTheHeap() {
        assertThat(parsed().limits())
                .isEqualTo(OpenFiles.fit(HeapBudget.limits(HeapBudget.maxHeap()), OpenFiles.limit()));
        assertThat(parsed().transportLimits()).isEqualTo(HeapBudget.transport(HeapBudget.maxHeap()));
    }

    @Test
    void theNetworkSidesLimitsComeFromTheirOptions() {
        TransportLimits limits = parsed("--max-queued-kb-per-socket", "512", "--max-queued-mb", "64",
                "--max-receiving-mb", "32", "--drain-timeout", "20", "--handshake-timeout", "5").transportLimits();

        assertThat(limits.maxQueuedBytesPerSocket()).isEqualTo(512 * 1024);
        assertThat(limits.maxQueuedBytes()).isEqualTo(64 * MIB);
        assertThat(limits.maxReceivingBytes()).isEqualTo(32 * MIB);
        assertThat(limits.drainTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(limits.handshakeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> parsed("--max-queued-kb-per-socket", "4096", "--max-queued-mb", "2").transportLimits())
                .hasMessage("--max-queued-kb-per-socket (4096) must not exceed --max-queued-mb (2 MiB)");
        assertThatThrownBy(() -> parsed("--drain-timeout", "0").transportLimits())
                .hasMessage("--drain-timeout must be positive");
    }

    @Test
    void theHiveNodesAreCalledTwentyTimesASecondAtMost_unlessTheOperatorSaysOtherwise() throws IOException {
        assertThat(parsed().hiveCallsPerSecond).isEqualTo(20);
        assertThat(readmeDefault("--hive-calls-per-second")).isEqualTo("`20`");
        assertThat(parsed("--hive-calls-per-second", "50").hiveCallsPerSecond).isEqualTo(50);
        assertThatThrownBy(() -> parsed("--hive-calls-per-second", "0").build())
                .hasMessage("--hive-calls-per-second must be at least 1");
    }

    @Test
    void withRedisTheServerIsOneNodeOfACluster_andSaysSoWhenRedisCannotBeReached(@TempDir Path dir) throws IOException {
        assertThat(parsed().redis).isNull();
        assertThat(readmeDefault("--redis URI")).isEqualTo("off (one node alone)");
        assertThat(readmeDefault("--redis-prefix")).isEqualTo("`has:`");
        assertThat(parsed("--redis-prefix", "eu:").redisPrefix).isEqualTo("eu:");
        assertThat(HasServerCommand.commandLine(new HasServerCommand()).getUsageMessage())
                .contains("--redis", "HAS_REDIS", "redis-sentinel://");
        assertThatThrownBy(() -> parsed("--redis", "redis://user:hidden@127.0.0.1:1", "--key-file",
                dir.resolve("k").toString(), "--hive-api", "http://127.0.0.1:9/").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot reach Redis at redis://user:")
                .hasMessageContaining("@127.0.0.1:1: Unable to connect")
                .hasMessageNotContaining("hidden");
    }

    @Test
    void theReadmeDocumentsTheDefaultsOfTheAppSocketsLimits() throws IOException {
        assertThat(readmeDefault("--max-pending-per-socket")).isEqualTo("`" + Limits.DEFAULT.maxPendingPerSocket() + "`");
        assertThat(readmeDefault("--max-pending-mb-per-socket"))
                .startsWith("`" + Limits.DEFAULT.maxPendingBytesPerSocket() / MIB + "`");
        assertThat(readmeDefault("--rate-limit")).isEqualTo("`" + (int) Limits.DEFAULT.messagesPerSecond() + "`, `"
                + Limits.DEFAULT.messageBurst() + "`");
    }

    @Test
    void maxPendingMbPerSocketSetsTheBytesOneAppSocketsWaitingRequestsMayHold() {
        assertThat(parsed("--max-pending-mb-per-socket", "4").limits().maxPendingBytesPerSocket()).isEqualTo(4 * MIB);
        assertThat(HasServerCommand.commandLine(new HasServerCommand()).getUsageMessage())
                .contains("--max-pending-mb-per-socket", "HAS_MAX_PENDING_MB_PER_SOCKET");
    }

    @Test
    void aPerSocketByteBudgetThatCannotWorkIsRefusedInTheOptionsOwnWords() {
        assertThatThrownBy(() -> parsed("--max-pending-mb-per-socket", "0").limits())
                .hasMessage("--max-pending-mb-per-socket must be positive");
        assertThatThrownBy(() -> parsed("--max-pending-mb-per-socket", "2", "--max-frame-bytes", "4194304").limits())
                .hasMessage("--max-pending-mb-per-socket (2 MiB) must hold at least one frame of --max-frame-bytes (4194304)");
        assertThatThrownBy(() -> parsed("--max-pending-mb-per-socket", "32", "--max-pending-mb", "16").limits())
                .hasMessage("--max-pending-mb-per-socket (32) must not exceed --max-pending-mb (16)");
    }

    @Test
    void theLimitsPerAddressAreATenthOfTheServersUnlessGiven() {
        HasServerCommand defaults = parsed("--max-connections", "1000", "--max-pending-total", "5000");
        assertThat(defaults.addressLimits(defaults.limits())).isEqualTo(new AddressLimits(100, 500, 100_000));

        HasServerCommand given = parsed("--max-connections-per-address", "7", "--max-pending-per-address", "8",
                "--max-registrations-per-address", "9", "--proxy-protocol");
        assertThat(given.addressLimits(given.limits())).isEqualTo(new AddressLimits(7, 8, 9));
        assertThat(given.proxyProtocol).isTrue();
        assertThatThrownBy(() -> parsed("--max-pending-per-address", "0").addressLimits(Limits.DEFAULT))
                .hasMessage("--max-pending-per-address must be positive");
    }
}
