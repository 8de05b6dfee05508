package dev.hiveauth.it.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hiveauth.app.Auth;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.protocol.testing.AccountKeys;
import dev.hiveauth.protocol.testing.FakeHiveNode;
import dev.hiveauth.server.HasServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's quick starts, run as an application that embeds them would run them: a relay, a wallet and a
 * backend in one JVM, against the fake Hive node. This class runs in a failsafe execution of its own whose class path
 * has none of Micrometer's jars, nor Lettuce's (has-integration-tests/pom.xml): what an embedder that leaves out the
 * relay's optional metrics and cluster client gets.
 */
class QuickStartWithoutMicrometerIT {
    private final FakeHiveNode node = FakeHiveNode.start(Clock.systemUTC());

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void micrometerIsNotOnThisClassPath() {
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void neitherIsRedissClient_aSingleNodeNeedsNone() {
        assertThatThrownBy(() -> Class.forName("io.lettuce.core.RedisClient")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.netty.channel.Channel")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void givenTheEmbeddedRelayAndAWallet_whenABackendLogsAliceIn_thenTheWalletApproves(@TempDir Path dir) {
        AccountKeys alice = node.createAccount("alice");
        Path keyFile = dir.resolve("has-server.key");

        try (HasServer relay = QuickStart.startRelay(0, List.of(node.uri()), keyFile);
             Pksa wallet = QuickStart.runWallet(relay.uri(), node.uri(), "alice", alice.posting().toWif(), "site secret")) {
            Auth auth = QuickStart.logIn(relay.uri(), "site secret", "alice");

            assertThat(auth.account()).isEqualTo("alice");
            assertThat(auth.authKey()).isNotBlank();
            assertThat(relay.walletsRegisteredFor("alice")).isEqualTo(1);
            assertThat(wallet.accounts()).containsExactly("alice");
        }
        assertThat(keyFile).as("the server key is kept for the next start").exists();
    }

    @Test
    void withoutMicrometerTheRelayKeepsNoMeters_andSaysWhy() {
        try (HasServer relay = HasServer.builder().host("127.0.0.1").port(0).hiveNodes(List.of(node.uri())).build()
                .start()) {
            // a lambda, not relay::meterRegistry: a method reference would need MeterRegistry, absent here, to be made
            assertThatThrownBy(() -> relay.meterRegistry()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("io.micrometer:micrometer-registry-prometheus");
        }
        assertThatThrownBy(() -> HasServer.builder().port(0).httpPort(0).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/metrics");
    }
}
