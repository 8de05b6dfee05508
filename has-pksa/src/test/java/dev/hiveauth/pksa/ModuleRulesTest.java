package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.testing.ApiComments;
import dev.hiveauth.protocol.testing.ModuleRules;
import org.junit.jupiter.api.Test;

/** The build's rules for has-pksa: a role over has-protocol and nothing else (its tests may run the real relay). */
class ModuleRulesTest {
    @Test
    void usesHasProtocolAndNoOtherRole() {
        assertThat(ModuleRules.references().outside("dev.hiveauth.pksa", "dev.hiveauth.protocol")).isEmpty();
    }

    @Test
    void everyPackageAndEverythingPublicHasADocComment() {
        assertThat(ApiComments.missing(ModuleRules.sources())).isEmpty();
    }
}
