package dev.hiveauth.bench.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Node load generator's memo encoding, byte for byte, on the vectors of hive-crypto-notes §3.3 (its
 * {@code --self-test}, which needs no {@code npm ci}): a wrong byte would make every proof of key it sends fail.
 * Skipped where Node is not installed, as the generator is then never run either.
 */
class NodeGeneratorSelfTest {
    private static final Path GENERATOR = Path.of("bench", "generator", "generator.js");

    @Test
    void theGeneratorsMemosMatchTheKnownVectors() throws Exception {
        assumeTrue(nodeIsInstalled(), "node is not on the PATH");

        Process selfTest = new ProcessBuilder("node", GENERATOR.toString(), "--self-test").redirectErrorStream(true)
                .start();
        String output = new String(selfTest.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(selfTest.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(selfTest.exitValue()).as(output).isZero();
        assertThat(output).contains("self-test passed");
    }

    private static boolean nodeIsInstalled() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
