package dev.dorisccr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import dev.dorisccr.core.docs.EmbeddingDoc;
import org.junit.jupiter.api.Test;

/**
 * The front door's public surface is the list in docs/embedding.md: its public types, the types
 * its public signatures use, and the transitive closure of the public signatures from there (every
 * project type an embedder can reach from {@code CcrEngine} through public methods, constructors,
 * fields, record components, supertypes and permitted subtypes). Growing it is a decision written
 * in the docs, never an accident. {@code -Dccr.docs.update=true} rewrites the closure list.
 */
class PublicSurfaceTest {
    private static final String PACKAGE = "dev.dorisccr.engine";

    /** The public types of the front door's package, read from the compiled classes (top-level and nested). */
    private static Set<Class<?>> publicTypes() throws IOException {
        return publicTypes(CcrEngine.class, PACKAGE);
    }

    /**
     * The public types of package {@code pkg} of the classes directory or jar {@code anchor} was
     * loaded from (top-level and nested), read from the compiled classes.
     */
    private static Set<Class<?>> publicTypes(Class<?> anchor, String pkg) throws IOException {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(root)) {
            return publicTypesIn(root.resolve(pkg.replace('.', '/')), pkg);
        }
        try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(root)) { // a verify build: the jar
            return publicTypesIn(jar.getPath(pkg.replace('.', '/')), pkg);
        }
    }

    private static Set<Class<?>> publicTypesIn(Path dir, String pkg) throws IOException {
        Set<Class<?>> out = new java.util.LinkedHashSet<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class") || file.equals("package-info.class")) {
                    continue;
                }
                Class<?> c = load(pkg + "." + file.substring(0, file.length() - ".class".length()));
                if (isPublic(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicSurfaceTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Public, not anonymous or local, and every enclosing class public too. */
    private static boolean isPublic(Class<?> c) {
        if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
            return false;
        }
        return c.getEnclosingClass() == null || isPublic(c.getEnclosingClass());
    }

    @Test
    void thePublicTypesAreTheDocumentedOnes() throws IOException {
        Set<String> actual = new TreeSet<>();
        publicTypes().forEach(c -> actual.add(c.getName()));
        assertThat(actual).containsExactlyInAnyOrderElementsOf(EmbeddingDoc.list("types"));
    }

    @Test
    void thePublicSignaturesUseOnlyTheDocumentedTypes() throws IOException {
        Set<Class<?>> types = publicTypes();
        Set<String> used = new TreeSet<>();
        for (Class<?> c : types) {
            List<Executable> members = new ArrayList<>();
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                    members.add(m);
                    add(used, m.getGenericReturnType());
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers())) {
                    members.add(k);
                }
            }
            for (Executable e : members) {
                for (Type t : e.getGenericParameterTypes()) {
                    add(used, t);
                }
                for (Type t : e.getGenericExceptionTypes()) {
                    add(used, t);
                }
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    add(used, rc.getGenericType());
                }
            }
            for (var f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    add(used, f.getGenericType());
                }
            }
        }
        types.forEach(c -> used.remove(c.getName()));
        used.removeIf(n -> n.startsWith("java."));
        assertThat(used).containsExactlyInAnyOrderElementsOf(EmbeddingDoc.list("signatures"));
        assertThat(used).noneMatch(n -> n.startsWith("com.fasterxml.jackson"));
    }

    @Test
    void theReachableSurfaceIsTheDocumentedClosureWithoutJackson() throws IOException {
        Set<String> reached = closure(publicTypes());
        assertThat(reached).as("Jackson types reachable from the front door").noneMatch(n -> n.startsWith("com.fasterxml"));
        List<String> lines = reached.stream().map(n -> "- `" + n + "`").toList();
        if (Boolean.getBoolean("ccr.docs.update")) {
            Path doc = EmbeddingDoc.path();
            String text = Files.readString(doc);
            Matcher m = EmbeddingDoc.section(text, "closure");
            Files.writeString(doc, text.substring(0, m.start(2)) + "\n" + String.join("\n", lines) + "\n"
                    + text.substring(m.end(2)));
        }
        assertThat(reached).as("docs/embedding.md surface:closure (rewrite with -Dccr.docs.update=true)")
                .containsExactlyElementsOf(EmbeddingDoc.list("closure"));
    }

    /**
     * Core's public packages (docs/embedding.md {@code surface:core-public}, the module's unqualified
     * exports) hold only documented types: each public type there is in the front door's closure,
     * or an SPI type ({@code surface:spi}: the ports a custom store or cluster client implements and
     * the values they carry), or one of the few listed beside it ({@code surface:also-public}). No list names a type twice
     * or a type that is not there, so the public packages cannot grow by accident.
     */
    @Test
    void everyPublicTypeOfCoresPublicPackagesIsDocumented() throws IOException {
        List<String> packages = EmbeddingDoc.list("core-public");
        Set<String> actual = new TreeSet<>();
        for (String pkg : packages) {
            publicTypes(dev.dorisccr.core.CcrVersion.class, pkg).forEach(c -> actual.add(c.getName()));
        }
        assertThat(actual).as("public types of %s", packages).hasSizeGreaterThan(50);
        Set<String> closure = new TreeSet<>();
        for (String n : EmbeddingDoc.list("closure")) {
            if (packages.contains(n.substring(0, n.lastIndexOf('.')))) {
                closure.add(n);
            }
        }
        List<String> spi = EmbeddingDoc.list("spi");
        List<String> also = EmbeddingDoc.list("also-public");
        List<String> all = new ArrayList<>(closure);
        all.addAll(spi);
        all.addAll(also);
        assertThat(all).as("a type in two lists of docs/embedding.md").doesNotHaveDuplicates();
        assertThat(spi).as("surface:spi lists types of dev.dorisccr.core.spi only")
                .allMatch(n -> n.startsWith("dev.dorisccr.core.spi.") && n.indexOf('.', "dev.dorisccr.core.spi.".length()) < 0);
        Set<String> undocumented = new TreeSet<>(actual);
        all.forEach(undocumented::remove);
        assertThat(undocumented).as("public types of core's public packages in no list of docs/embedding.md"
                + " (section 8): add them to surface:spi or surface:also-public, or move them to an"
                + " implementation package").isEmpty();
        Set<String> stale = new TreeSet<>(all);
        stale.removeAll(actual);
        assertThat(stale).as("types listed in docs/embedding.md that are not public types of core's public packages")
                .isEmpty();
    }

    /**
     * Every non-{@code java.*} type reachable from {@code roots} through public signatures; project
     * types ({@code dev.dorisccr}) are followed further, other libraries' types are leaves.
     */
    private static Set<String> closure(Set<Class<?>> roots) {
        Set<String> out = new TreeSet<>();
        java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(roots);
        Set<Class<?>> seen = new java.util.HashSet<>(roots);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            out.add(c.getName());
            if (!c.getName().startsWith("dev.dorisccr.")) {
                continue;
            }
            Set<String> used = new TreeSet<>();
            signatures(c, used);
            for (String n : used) {
                if (n.startsWith("java.")) {
                    continue;
                }
                Class<?> u = load(n);
                if (seen.add(u)) {
                    todo.add(u);
                }
            }
        }
        return out;
    }

    /** The types {@code c}'s public API names: members, record components, supertypes, permitted subtypes. */
    private static void signatures(Class<?> c, Set<String> used) {
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                add(used, m.getGenericReturnType());
                for (Type t : m.getGenericParameterTypes()) {
                    add(used, t);
                }
                for (Type t : m.getGenericExceptionTypes()) {
                    add(used, t);
                }
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (Modifier.isPublic(k.getModifiers())) {
                for (Type t : k.getGenericParameterTypes()) {
                    add(used, t);
                }
                for (Type t : k.getGenericExceptionTypes()) {
                    add(used, t);
                }
            }
        }
        for (var f : c.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers())) {
                add(used, f.getGenericType());
            }
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                add(used, rc.getGenericType());
            }
        }
        if (c.getGenericSuperclass() != null) {
            add(used, c.getGenericSuperclass());
        }
        for (Type t : c.getGenericInterfaces()) {
            add(used, t);
        }
        if (c.isSealed()) {
            for (Class<?> p : c.getPermittedSubclasses()) {
                if (isPublic(p)) {
                    add(used, p);
                }
            }
        }
    }

    private static void add(Set<String> out, Type t) {
        if (t instanceof Class<?> c) {
            Class<?> base = c;
            while (base.isArray()) {
                base = base.getComponentType();
            }
            if (!base.isPrimitive()) {
                out.add(base.getName());
            }
        } else if (t instanceof ParameterizedType p) {
            add(out, p.getRawType());
            for (Type a : p.getActualTypeArguments()) {
                add(out, a);
            }
        } else if (t instanceof java.lang.reflect.WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                add(out, b);
            }
            for (Type b : w.getLowerBounds()) {
                add(out, b);
            }
        } else if (t instanceof java.lang.reflect.GenericArrayType a) {
            add(out, a.getGenericComponentType());
        } else if (t instanceof java.lang.reflect.TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                add(out, b);
            }
        }
    }
}
