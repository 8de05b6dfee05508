package dev.hiveauth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.testing.ApiComments;
import dev.hiveauth.protocol.testing.JavaSources;
import dev.hiveauth.protocol.testing.ProjectReferences;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build's rules for has-app-client: a role over has-protocol and nothing else (its tests may run the real relay). */
class ModuleRulesTest {
    private static final JavaSources SOURCES = JavaSources.parse(Path.of("src/main/java"));

    @Test
    void usesHasProtocolAndNoOtherRole() {
        ProjectReferences references = ProjectReferences.of(SOURCES, Path.of("target/classes"));

        assertThat(references.count()).isPositive();
        assertThat(references.outside("dev.hiveauth.app", "dev.hiveauth.protocol")).isEmpty();
    }

    @Test
    void everyPackageAndEverythingPublicHasADocComment() {
        assertThat(ApiComments.missing(SOURCES)).isEmpty();
    }
}
