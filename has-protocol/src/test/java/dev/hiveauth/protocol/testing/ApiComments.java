package dev.hiveauth.protocol.testing;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * The public API of a source tree that has no doc comment: every package (its {@code package-info.java}), and
 * every type, constructor, method and field that javadoc shows (public or protected, in types that are themselves
 * shown; interface members are public unless private). As in javadoc's own check, methods marked
 * {@code @Override} take their comment from what they override, and enum constants need none.
 *
 * <p>The build's javadoc leaves doclint's "missing" checks out (the parent POM says why); this is the part of them
 * the project keeps: one sentence on everything a user of the library can reach.
 */
public final class ApiComments {
    private final JavaSources sources;
    private final List<String> missing = new ArrayList<>();

    private ApiComments(JavaSources sources) {
        this.sources = sources;
    }

    /** Where a comment is missing, one {@code File.java:line what} per element, sorted. */
    public static List<String> missing(JavaSources sources) {
        ApiComments check = new ApiComments(sources);
        Set<String> packages = new TreeSet<>();
        Set<String> documentedPackages = new TreeSet<>();
        for (CompilationUnitTree unit : sources.units()) {
            String name = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
            packages.add(name);
            boolean packageInfo = Path.of(unit.getSourceFile().toUri()).endsWith("package-info.java");
            if (packageInfo && unit.getPackage() != null && sources.docTrees()
                    .getDocCommentTree(new TreePath(new TreePath(unit), unit.getPackage())) != null) {
                documentedPackages.add(name);
            }
            for (Tree type : unit.getTypeDecls()) {
                if (type instanceof ClassTree declared) {
                    check.type(new TreePath(new TreePath(unit), declared), false);
                }
            }
        }
        packages.removeAll(documentedPackages);
        packages.forEach(name -> check.missing.add(name.replace('.', '/') + "/package-info.java: package " + name));
        check.missing.sort(null);
        return List.copyOf(check.missing);
    }

    private void type(TreePath path, boolean inInterface) {
        ClassTree type = (ClassTree) path.getLeaf();
        if (!shown(type.getModifiers(), inInterface)) {
            return; // nor is anything inside it
        }
        require(path, type.getKind().name().toLowerCase() + " " + type.getSimpleName());
        boolean isInterface = type.getKind() == Tree.Kind.INTERFACE || type.getKind() == Tree.Kind.ANNOTATION_TYPE;
        for (Tree member : type.getMembers()) {
            TreePath memberPath = new TreePath(path, member);
            if (member instanceof ClassTree) {
                type(memberPath, isInterface);
            } else if (member instanceof MethodTree method && shown(method.getModifiers(), isInterface)
                    && !overrides(method.getModifiers())) {
                String name = method.getName().contentEquals("<init>") ? "constructor " + type.getSimpleName()
                        : "method " + method.getName();
                require(memberPath, name);
            } else if (member instanceof VariableTree field && !isEnumConstant(type, field)
                    && shown(field.getModifiers(), isInterface)) {
                require(memberPath, "field " + field.getName());
            }
        }
    }

    private void require(TreePath path, String what) {
        if (sources.docTrees().getDocCommentTree(path) == null) {
            missing.add(sources.where(path.getCompilationUnit(), path.getLeaf()) + " " + what);
        }
    }

    private static boolean shown(ModifiersTree modifiers, boolean inInterface) {
        Set<Modifier> flags = modifiers.getFlags();
        return flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                || (inInterface && !flags.contains(Modifier.PRIVATE));
    }

    private static boolean overrides(ModifiersTree modifiers) {
        for (AnnotationTree annotation : modifiers.getAnnotations()) {
            String name = annotation.getAnnotationType().toString();
            if (name.equals("Override") || name.equals("java.lang.Override")) {
                return true;
            }
        }
        return false;
    }

    // an enum constant is a field of the enum whose type is the enum itself (the parser marks it public)
    private static boolean isEnumConstant(ClassTree type, VariableTree field) {
        return type.getKind() == Tree.Kind.ENUM && field.getType() != null
                && field.getType().toString().equals(type.getSimpleName().toString());
    }
}
