package dev.asyncgrader.gradescope;

import dev.asyncgrader.cli.GraderCli;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path of the running grader, as files an archive can carry: its own code (the jar {@code ./grader build}
 * makes, or the classes folder when it runs from a build tree or a test) and every library jar beside it. A jar that
 * names others in its manifest's {@code Class-Path} (the grader's own jar with {@code lib/}, or a test runner's
 * manifest-only jar) stands for those too.
 *
 * @param code the grader's own code: a jar, or a folder of classes to pack into one
 * @param libraries the jars it needs, each file name once
 */
public record GraderJars(Path code, List<Path> libraries) {
    private static final String MARKER = GraderCli.class.getName().replace('.', '/') + ".class";

    /** The running grader's jars, from {@code java.class.path}. */
    public static GraderJars ofThisProcess() throws IOException {
        Set<Path> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath().normalize());
            }
        }
        Set<Path> expanded = new LinkedHashSet<>();
        for (Path e : entries) {
            expanded.add(e);
            expanded.addAll(manifestClassPath(e));
        }
        Path code = null;
        List<Path> libraries = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Path e : expanded) {
            if (code == null && holdsGrader(e)) {
                code = e;
            } else if (Files.isRegularFile(e) && e.toString().endsWith(".jar") && names.add(fileName(e))) {
                libraries.add(e);
            }
        }
        if (code == null) {
            throw new IOException("The grader's own classes are not on its class path (" + entries + ")");
        }
        return new GraderJars(code, List.copyOf(libraries));
    }

    private static boolean holdsGrader(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(MARKER));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getEntry(MARKER) != null;
        }
    }

    /** The entries a jar's manifest adds, resolved against the jar's own place as the JAR specification says. */
    private static List<Path> manifestClassPath(Path entry) throws IOException {
        if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return List.of();
        }
        Manifest manifest;
        try (JarFile jar = new JarFile(entry.toFile())) {
            manifest = jar.getManifest();
        }
        String classPath =
                manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (classPath == null || classPath.isBlank()) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        URI base = entry.toUri();
        for (String item : classPath.trim().split("\\s+")) {
            try {
                URI resolved = base.resolve(new URI(item));
                if ("file".equals(resolved.getScheme())) {
                    out.add(Path.of(resolved).normalize());
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IOException("Unreadable Class-Path entry '" + item + "' in " + entry, e);
            }
        }
        return out;
    }

    static String fileName(Path p) {
        return p.getFileName().toString();
    }
}
