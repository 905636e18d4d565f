package dev.asyncgrader.unittest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The JUnit jars the grader carries, which hidden tests compile against (the tests themselves run in the
 * grader's process, see {@link TrustedTestRun}).
 */
public final class TestApiJars {
    /** What tests compile against: the JUnit API and what its signatures mention. */
    private static final List<String> API_MARKERS = List.of(
            "org.junit.jupiter.api.Test",
            "org.opentest4j.AssertionFailedError",
            "org.apiguardian.api.API",
            "org.jspecify.annotations.Nullable");

    private static @Nullable TestApiJars instance;

    private final List<Path> testApi;

    private TestApiJars(List<Path> testApi) {
        this.testApi = testApi;
    }

    /** The jars of this grader process, found on first use. */
    public static synchronized TestApiJars get() throws IOException {
        if (instance == null) {
            instance = new TestApiJars(jarsOf(API_MARKERS));
        }
        return instance;
    }

    /** Jars test sources compile against. */
    public List<Path> testApi() {
        return testApi;
    }

    private static List<Path> jarsOf(List<String> markers) throws IOException {
        Set<Path> jars = new LinkedHashSet<>();
        for (String marker : markers) {
            try {
                Class<?> c = Class.forName(marker, false, TestApiJars.class.getClassLoader());
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
}
