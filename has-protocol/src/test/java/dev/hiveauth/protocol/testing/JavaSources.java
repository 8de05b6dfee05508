package dev.hiveauth.protocol.testing;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A module's source tree as the JDK's compiler reads it, parsed only (no class path needed): what the build rules
 * ({@link ApiComments}, {@link ProjectReferences}) check a module's code against.
 */
public final class JavaSources {
    private final Path root;
    private final List<CompilationUnitTree> units;
    private final DocTrees docTrees;

    private JavaSources(Path root, List<CompilationUnitTree> units, DocTrees docTrees) {
        this.root = root;
        this.units = units;
        this.docTrees = docTrees;
    }

    /** Every {@code .java} file under {@code root}, e.g. {@code Path.of("src/main/java")} in a module's tests. */
    public static JavaSources parse(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no source tree at " + root.toAbsolutePath());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime: the build rules need a JDK");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the file manager stays open: the trees read their source positions through it
        StandardJavaFileManager fileManager = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        JavacTask task = (JavacTask) javac.getTask(null, fileManager, diagnostic -> { }, List.of("-proc:none"), null,
                fileManager.getJavaFileObjectsFromPaths(files));
        List<CompilationUnitTree> units = new ArrayList<>();
        try {
            task.parse().forEach(units::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JavaSources(root, List.copyOf(units), DocTrees.instance(task));
    }

    /** The root this tree was read from. */
    public Path root() {
        return root;
    }

    /** One tree per file, in file name order. */
    public List<CompilationUnitTree> units() {
        return units;
    }

    /** The doc comments of the parsed trees. */
    public DocTrees docTrees() {
        return docTrees;
    }

    /** {@code path/Of/File.java:line} of {@code tree} in {@code unit}, the path relative to the root. */
    public String where(CompilationUnitTree unit, Tree tree) {
        long position = docTrees.getSourcePositions().getStartPosition(unit, tree);
        Path file = Path.of(unit.getSourceFile().toUri());
        long line = unit.getLineMap().getLineNumber(position);
        return root.toAbsolutePath().relativize(file.toAbsolutePath()) + ":" + line;
    }
}
