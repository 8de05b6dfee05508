package dev.hiveauth.protocol.testing;

import java.nio.file.Path;

/**
 * The module a library module's {@code ModuleRulesTest} runs in, as the build's rules look at it: its main sources
 * and the classes compiled from them (Surefire runs a module's tests in the module's directory). Read once per test
 * JVM.
 */
public final class ModuleRules {
    private static JavaSources sources;
    private static ProjectReferences references;

    private ModuleRules() {
    }

    /** This module's {@code src/main/java}. */
    public static synchronized JavaSources sources() {
        if (sources == null) {
            sources = JavaSources.parse(Path.of("src/main/java"));
        }
        return sources;
    }

    /** What this module's main code names of the project; none at all means the check looked in the wrong place. */
    public static synchronized ProjectReferences references() {
        if (references == null) {
            Path classes = Path.of("target/classes");
            references = ProjectReferences.of(sources(), classes);
            if (references.count() == 0) {
                throw new AssertionError("no reference to the project in " + classes.toAbsolutePath());
            }
        }
        return references;
    }
}
