package dev.hiveauth.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.testing.ApiComments;
import dev.hiveauth.protocol.testing.ModuleRules;
import org.junit.jupiter.api.Test;

/** The build's rules for has-protocol: the vocabulary every role shares names none of them. */
class ModuleRulesTest {
    @Test
    void namesNoRole() {
        assertThat(ModuleRules.references().outside("dev.hiveauth.protocol")).isEmpty();
    }

    @Test
    void everyPackageAndEverythingPublicHasADocComment() {
        assertThat(ApiComments.missing(ModuleRules.sources())).isEmpty();
    }
}
