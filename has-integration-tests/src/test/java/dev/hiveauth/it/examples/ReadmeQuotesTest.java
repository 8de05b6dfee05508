package dev.hiveauth.it.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each README's Java code is the example code the build compiles and runs, as it is: every {@code ```java} block of a
 * README is a region of its example file (between {@code README:begin} and {@code README:end}), and every region of
 * that file is a block of the README. A README edited alone, or an example changed alone, fails the build.
 */
class ReadmeQuotesTest {
    private static final Path EXAMPLES = Path.of("src/test/java/dev/hiveauth/it/examples");

    @Test
    void theRootReadmeQuotesTheQuickStarts() throws IOException {
        assertQuotesExactly(Path.of("../README.md"), EXAMPLES.resolve("QuickStart.java"));
    }

    @Test
    void theAppClientReadmeQuotesItsExamples() throws IOException {
        assertQuotesExactly(Path.of("../has-app-client/README.md"), EXAMPLES.resolve("AppClientExamples.java"));
    }

    @Test
    void theWalletReadmeQuotesItsExample() throws IOException {
        assertQuotesExactly(Path.of("../has-pksa/README.md"), EXAMPLES.resolve("WalletExamples.java"));
    }

    private static void assertQuotesExactly(Path readme, Path source) throws IOException {
        List<String> blocks = javaBlocks(Files.readAllLines(readme));
        List<String> regions = regions(Files.readAllLines(source));
        assertThat(regions).as("regions of %s", source.getFileName()).isNotEmpty();
        assertThat(blocks).as("the Java blocks of %s, against the regions of %s", readme, source.getFileName())
                .containsExactlyInAnyOrderElementsOf(regions);
    }

    /** The text of each {@code ```java} block. */
    private static List<String> javaBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            if (current == null && line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(String.join("\n", current));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** The text between each pair of markers, with the indentation of its first line taken off every line. */
    private static List<String> regions(List<String> lines) {
        List<String> regions = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.strip().startsWith("// README:begin")) {
                current = new ArrayList<>();
            } else if (line.strip().equals("// README:end")) {
                int indent = current.get(0).length() - current.get(0).stripLeading().length();
                regions.add(String.join("\n", current.stream()
                        .map(kept -> kept.length() >= indent ? kept.substring(indent) : kept.strip()).toList()));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return regions;
    }
}
