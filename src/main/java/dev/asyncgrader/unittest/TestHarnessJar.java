package dev.asyncgrader.unittest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The module path a hidden-test run needs: the harness (the named module {@code dev.asyncgrader.harness},
 * compiled once per grader process from the sources shipped in the grader's jar) and the JUnit Platform jars
 * the grader itself carries.
 */
public final class TestHarnessJar {
    /** Classes whose jars make up JUnit on the module path: launcher, engine, API and their needs. */
    private static final List<String> JUNIT_MARKERS = List.of(
            "org.junit.platform.launcher.Launcher",
            "org.junit.platform.engine.TestEngine",
            "org.junit.platform.commons.util.ReflectionUtils",
            "org.junit.jupiter.engine.JupiterTestEngine",
            "org.junit.jupiter.api.Test",
            "org.opentest4j.AssertionFailedError",
            "org.apiguardian.api.API",
            "org.jspecify.annotations.Nullable"); // JUnit 6's null annotations, a module it requires

    /** What tests compile against: the JUnit API and what its signatures mention. */
    private static final List<String> API_MARKERS = List.of(
            "org.junit.jupiter.api.Test",
            "org.opentest4j.AssertionFailedError",
            "org.apiguardian.api.API",
            "org.jspecify.annotations.Nullable");

    private static TestHarnessJar instance;

    private final List<Path> modulePath;
    private final List<Path> testApi;

    private TestHarnessJar(List<Path> modulePath, List<Path> testApi) {
        this.modulePath = modulePath;
        this.testApi = testApi;
    }

    /** The harness of this grader process, built on first use. */
    public static synchronized TestHarnessJar get() throws IOException {
        if (instance == null) {
            List<Path> junit = jarsOf(JUNIT_MARKERS);
            Path harness = build(junit);
            List<Path> modulePath = new ArrayList<>(junit);
            modulePath.add(harness);
            instance = new TestHarnessJar(List.copyOf(modulePath), jarsOf(API_MARKERS));
        }
        return instance;
    }

    /** Jars to put on the module path (the harness and JUnit). */
    public List<Path> modulePath() {
        return modulePath;
    }

    /** Jars test sources compile against. */
    public List<Path> testApi() {
        return testApi;
    }

    private static List<Path> jarsOf(List<String> markers) throws IOException {
        Set<Path> jars = new LinkedHashSet<>();
        for (String marker : markers) {
            try {
                Class<?> c = Class.forName(marker, false, TestHarnessJar.class.getClassLoader());
                jars.add(Path.of(
                        c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
                throw new IOException(
                        "JUnit is missing from the grader's class path (" + marker + "); hidden tests need"
                                + " junit-platform-launcher and junit-jupiter-engine in target/lib: rebuild with ./grader build",
                        e);
            }
        }
        return List.copyOf(jars);
    }

    private static Path build(List<Path> junit) throws IOException {
        Path dir = Files.createTempDirectory("async-grader-harness-");
        Path src = dir.resolve("src");
        Path out = dir.resolve("classes");
        List<Path> sources = new ArrayList<>();
        for (String name : List.of("module-info.java", "dev/asyncgrader/harness/TestHarness.java")) {
            try (InputStream in = TestHarnessJar.class.getResourceAsStream("/harness/" + name)) {
                if (in == null) {
                    throw new IOException("harness/" + name + " is missing from the grader's jar");
                }
                Path file = src.resolve(name);
                Files.createDirectories(file.getParent());
                Files.write(file, in.readAllBytes());
                sources.add(file);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                javac.getStandardFileManager(diagnostics, Locale.ENGLISH, StandardCharsets.UTF_8)) {
            List<String> options = List.of(
                    "--release",
                    "21",
                    "-proc:none",
                    "-Xlint:all",
                    "-Werror",
                    "-d",
                    out.toString(),
                    "--module-path",
                    String.join(":", junit.stream().map(Path::toString).toList()));
            StringWriter log = new StringWriter();
            if (!javac.getTask(log, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call()) {
                throw new IOException("the test harness does not compile: " + diagnostics.getDiagnostics() + log);
            }
        }
        Path jar = dir.resolve("async-grader-harness.jar");
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(os);
                Stream<Path> classes = Files.walk(out)) {
            for (Path p : classes.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new JarEntry(out.relativize(p).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
