package dev.hiveauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.protocol.testing.ApiComments;
import dev.hiveauth.protocol.testing.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * The build's rules for has-server: a role over has-protocol and nothing else, which never touches what an APP
 * and a PKSA encrypt for each other (the payload package) — the relay forwards {@code data} it cannot read.
 */
class ModuleRulesTest {
    @Test
    void usesHasProtocolAndNoOtherRole() {
        assertThat(ModuleRules.references().outside("dev.hiveauth.server", "dev.hiveauth.protocol")).isEmpty();
    }

    @Test
    void neverTouchesThePayloads() {
        assertThat(ModuleRules.references().into("dev.hiveauth.protocol.payload")).isEmpty();
    }

    @Test
    void everyPackageAndEverythingPublicHasADocComment() {
        assertThat(ApiComments.missing(ModuleRules.sources())).isEmpty();
    }
}
