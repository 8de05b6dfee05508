package dev.hiveauth.protocol.testing;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a module's code names of the project ({@code dev.hiveauth.*}): its source files' imports, and every class
 * its compiled classes refer to (read from their constant pools, so a fully qualified name in the code counts as
 * much as an import; an import the code never uses counts too, through the sources). Each reference is a line
 * {@code from -> to}, where {@code to} is a class, or a package for a wildcard import.
 */
public final class ProjectReferences {
    private static final String PROJECT = "dev.hiveauth.";
    private static final Pattern CLASS_NAME = Pattern.compile("dev/hiveauth/[A-Za-z0-9_/$]+");

    private final List<Reference> references;

    private record Reference(String from, String to) {
        boolean into(String pkg) {
            return to.equals(pkg) || to.startsWith(pkg + ".");
        }

        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    private ProjectReferences(List<Reference> references) {
        this.references = references;
    }

    /** The references of the module whose sources and compiled classes these are. */
    public static ProjectReferences of(JavaSources sources, Path classes) {
        List<Reference> found = new ArrayList<>();
        for (CompilationUnitTree unit : sources.units()) {
            for (ImportTree anImport : unit.getImports()) {
                String name = anImport.getQualifiedIdentifier().toString();
                if (name.endsWith(".*")) {
                    name = name.substring(0, name.length() - 2);
                }
                if (name.startsWith(PROJECT)) {
                    found.add(new Reference(sources.where(unit, anImport), name));
                }
            }
        }
        if (!Files.isDirectory(classes)) {
            throw new IllegalArgumentException("no compiled classes at " + classes.toAbsolutePath());
        }
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String from = classes.relativize(file).toString();
                for (String to : classNames(Files.readAllBytes(file))) {
                    found.add(new Reference(from, to));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProjectReferences(List.copyOf(found));
    }

    /** References to the project outside the given packages (each with its subpackages). */
    public List<String> outside(String... allowedPackages) {
        return references.stream()
                .filter(reference -> Stream.of(allowedPackages).noneMatch(reference::into))
                .map(Reference::toString)
                .distinct()
                .toList();
    }

    /** References into {@code pkg} or its subpackages. */
    public List<String> into(String pkg) {
        return references.stream()
                .filter(reference -> reference.into(pkg))
                .map(Reference::toString)
                .distinct()
                .toList();
    }

    /** How many references were found; a check that found none is looking in the wrong place. */
    public int count() {
        return references.size();
    }

    /**
     * The project's classes a class file names: every {@code dev/hiveauth/…} in its constant pool's text entries,
     * which hold the names of the classes it uses and the descriptors and signatures of its fields and methods.
     */
    static Set<String> classNames(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Set<String> names = new TreeSet<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> { // Utf8
                    Matcher name = CLASS_NAME.matcher(in.readUTF());
                    while (name.find()) {
                        names.add(name.group().replace('/', '.').replace('$', '.'));
                    }
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2); // Class, String, MethodType, Module, Package
                case 15 -> in.skipBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4); // Integer, Float, refs, NameAndType, dynamic
                case 5, 6 -> { // Long, Double: two slots
                    in.skipBytes(8);
                    index++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return names;
    }
}
