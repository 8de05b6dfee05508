package dev.hiveauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.testing.ApiComments;
import dev.hiveauth.protocol.testing.JavaSources;
import dev.hiveauth.protocol.testing.ProjectReferences;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build's rules for has-server: a role over has-protocol and nothing else, which never touches what an APP
 * and a PKSA encrypt for each other (the payload package) — the relay forwards {@code data} it cannot read.
 */
class ModuleRulesTest {
    private static final JavaSources SOURCES = JavaSources.parse(Path.of("src/main/java"));
    private static final ProjectReferences REFERENCES = ProjectReferences.of(SOURCES, Path.of("target/classes"));

    @Test
    void usesHasProtocolAndNoOtherRole() {
        assertThat(REFERENCES.count()).isPositive();
        assertThat(REFERENCES.outside("dev.hiveauth.server", "dev.hiveauth.protocol")).isEmpty();
    }

    @Test
    void neverTouchesThePayloads() {
        assertThat(REFERENCES.into("dev.hiveauth.protocol.payload")).isEmpty();
    }

    @Test
    void everyPackageAndEverythingPublicHasADocComment() {
        assertThat(ApiComments.missing(SOURCES)).isEmpty();
    }
}
