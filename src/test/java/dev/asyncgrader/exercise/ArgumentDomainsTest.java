package dev.asyncgrader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.compile.CompileOutcome;
import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument domains: declared in exercise.yaml, kept by runs, shown in the prompt, drawn from by tests. */
class ArgumentDomainsTest {
    @TempDir
    Path root;

    private static final String YAML = """
            title: T
            arguments:
              - name: seconds
                about: how long each fetch waits
                domain: decimal 0.5..3 step 0.5
              - name: ids
                rest: true
                label: ID
                count: 1..4
                distinct: true
                domain: integer 1..99
            runs:
              - name: example
                args: ["1.5", "1", "2"]
            lines:
              done:
                text: "done after ${seconds}"
            checks:
              - name: done
                kind: at
                group: done
                at: seconds
                wrong: WRONG
                feedback: "late: ${actual}"
            """;

    private static final String PROMPT =
            "# T\n\n## Command line\n\n```\njava Main SECONDS ID...\n```\n\n" + "<!-- arguments -->\n\n## Example\n";

    private Path exercise(String yaml, String prompt) throws IOException {
        Path dir = root.resolve("ex");
        Files.createDirectories(dir.resolve("solution"));
        Files.writeString(dir.resolve("exercise.yaml"), yaml);
        Files.writeString(dir.resolve("prompt.md"), prompt);
        Files.writeString(
                dir.resolve("solution/Main.java"), "public class Main { public static void main(String[] a) {} }");
        return dir;
    }

    private Exercise load(String wrong) throws IOException {
        return ExerciseCatalog.loadOne(exercise(YAML.replace("WRONG", wrong), PROMPT));
    }

    private String errorOf(String yaml, String prompt) throws IOException {
        Path dir = exercise(yaml, prompt);
        return assertThrows(ConfigException.class, () -> ExerciseCatalog.loadOne(dir))
                .getMessage();
    }

    @Test
    void promptShowsTheDeclaredDomains_inTheCommandLineSection() throws IOException {
        String prompt = load("seconds * 3").prompt();
        assertFalse(prompt.contains("<!-- arguments -->"), prompt);
        assertTrue(
                prompt.contains("- `SECONDS`: how long each fetch waits; a number from 0.5 to 3 in steps of 0.5."),
                prompt);
        assertTrue(
                prompt.contains("- `ID...`: 1 to 4 of them, all different, each a whole number from 1 to 99."), prompt);
        assertTrue(prompt.indexOf("`SECONDS`") < prompt.indexOf("## Example"), prompt);
    }

    @Test
    void runOutsideTheDomain_doesNotLoad_andSaysWhichValue() throws IOException {
        String e = errorOf(
                YAML.replace("WRONG", "seconds * 3").replace("[\"1.5\", \"1\", \"2\"]", "[\"1.5\", \"i7w\"]"), PROMPT);
        assertTrue(e.startsWith("exercises/ex/exercise.yaml: runs[0].args: steps outside"), e);
        assertTrue(e.contains("'i7w' is not a whole number from 1 to 99"), e);
        String between = errorOf(
                YAML.replace("WRONG", "seconds * 3").replace("[\"1.5\", \"1\", \"2\"]", "[\"1.2\", \"1\"]"), PROMPT);
        assertTrue(between.contains("'1.2' is not a number from 0.5 to 3 in steps of 0.5"), between);
    }

    @Test
    void promptWithoutTheMarker_doesNotLoad() throws IOException {
        String e = errorOf(YAML.replace("WRONG", "seconds * 3"), "# T\n\n## Command line\n\njava Main\n");
        assertTrue(e.contains("prompt.md") && e.contains("<!-- arguments -->"), e);
    }

    @Test
    void malformedNumberInAnExpression_isAnExerciseError_namingFileAndField() throws IOException {
        String e = errorOf(YAML.replace("WRONG", "seconds * 1.2.3"), PROMPT);
        assertTrue(e.startsWith("exercises/ex/exercise.yaml: checks[0].wrong"), e);
        assertTrue(e.contains("malformed number '1.2.3'"), e);
    }

    @Test
    void drawnArguments_stayInsideEveryDomain() throws IOException {
        Exercise ex = load("seconds * 3");
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            List<String> args = ArgumentDomains.draw(ex.arguments(), random);
            assertEquals(List.of(), ArgumentDomains.outside(ex.arguments(), args), args.toString());
            assertTrue(args.size() >= 2 && args.size() <= 5, args.toString());
        }
    }

    @Test
    void wordDomain_drawsOnlyMatchingWords() {
        ArgumentDomain names = ArgumentDomain.parse("word [a-z]{1,8}\\.[a-z][a-z0-9]{1,3}");
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            String w = names.draw(random);
            assertTrue(names.contains(w), w);
        }
        assertThrows(IllegalArgumentException.class, () -> ArgumentDomain.parse("word (a|b)+"));
        assertThrows(IllegalArgumentException.class, () -> ArgumentDomain.parse("decimal 0.5..3"));
        assertThrows(IllegalArgumentException.class, () -> ArgumentDomain.parse("integer 1.2.3..4"));
    }

    /**
     * The class hidden tests use, compiled as the grader compiles it, refuses a command line outside the
     * declared domains: concurrent-fetch's alphanumeric IDs could not be sent again.
     */
    @Test
    void hiddenTestSupport_refusesArgumentsOutsideTheDomains() throws Exception {
        Exercise ex = ExerciseCatalog.loadOne(Path.of("exercises/concurrent-fetch"));
        Map<String, String> sources;
        try (InputStream in = ArgumentDomainsTest.class.getResourceAsStream("/test-support/Arguments.java")) {
            sources = Map.of(
                    "Arguments.java",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "ArgumentDomainData.java",
                    ex.argumentDomainsSource());
        }
        CompileOutcome outcome;
        try (SourceCompiler compiler = new SourceCompiler(SourceCompiler.CompileLimits.DEFAULT)) {
            outcome = compiler.compile(sources, 21);
        }
        CompileOutcome.Compiled compiled = assertInstanceOf(CompileOutcome.Compiled.class, outcome, outcome.toString());
        ClassLoader loader = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = compiled.classes().get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        Class<?> arguments = loader.loadClass("Arguments");
        Method check = arguments.getMethod("check", List.class);
        Method some = arguments.getMethod("some", String.class, int.class, Random.class);

        check.invoke(null, List.of("2", "1", "2", "3"));
        InvocationTargetException refused =
                assertThrows(InvocationTargetException.class, () -> check.invoke(null, List.of("0.2", "17", "i7w")));
        assertTrue(
                refused.getCause().getMessage().contains("'i7w' is not in integer 1..999"),
                refused.getCause().getMessage());
        assertThrows(InvocationTargetException.class, () -> check.invoke(null, List.of("0.2", "5", "5")));

        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) some.invoke(null, "ids", 12, new Random(1));
        assertEquals(12, ids.stream().distinct().count());
        ids.forEach(id -> assertTrue(id.matches("[1-9]\\d{0,2}"), id));
    }
}
