package dev.asyncgrader.unittest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Classes the grader compiles with every exercise's tests, so that tests share them instead of carrying
 * copies: {@code ProgramRun} runs {@code Main.main(args)} and records what it prints, with times;
 * {@code Arguments} draws arguments from the exercise's declared domains and refuses others.
 */
public final class TestSupport {
    private static final Map<String, String> SOURCES = Map.of(
            "ProgramRun.java",
            read("/test-support/ProgramRun.java"),
            "ProgramCall.java",
            read("/test-support/ProgramCall.java"),
            "Arguments.java",
            read("/test-support/Arguments.java"));

    private TestSupport() {}

    /**
     * The support sources by file name, with {@code ArgumentDomainData.java} (the exercise's declared argument
     * domains, see {@code Exercise.argumentDomainsSource()}); an exercise's own test file of the same name takes
     * precedence.
     */
    public static Map<String, String> sources(String argumentDomainData) {
        Map<String, String> all = new java.util.HashMap<>(SOURCES);
        all.put("ArgumentDomainData.java", argumentDomainData);
        return Map.copyOf(all);
    }

    private static String read(String resource) {
        try (InputStream in = TestSupport.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        resource + " is missing from the grader's jar; rebuild with ./grader build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
