package dev.hiveauth.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.testing.ApiComments;
import dev.hiveauth.protocol.testing.JavaSources;
import dev.hiveauth.protocol.testing.ProjectReferences;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build's rules for has-protocol: the vocabulary every role shares names none of them. */
class ModuleRulesTest {
    private static final JavaSources SOURCES = JavaSources.parse(Path.of("src/main/java"));

    @Test
    void namesNoRole() {
        ProjectReferences references = ProjectReferences.of(SOURCES, Path.of("target/classes"));

        assertThat(references.count()).isPositive();
        assertThat(references.outside("dev.hiveauth.protocol")).isEmpty();
    }

    @Test
    void everyPackageAndEverythingPublicHasADocComment() {
        assertThat(ApiComments.missing(SOURCES)).isEmpty();
    }
}
