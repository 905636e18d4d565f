package dev.asyncgrader.gradescope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncgrader.cli.GraderCli;
import dev.asyncgrader.exercise.StarterCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gradescope autograder archive, built by the command line and run as Gradescope runs it: unpacked into
 * {@code /autograder/source}, {@code run_autograder} copied to {@code /autograder}, the submission in
 * {@code /autograder/submission}, all in a bubblewrap sandbox that binds a temporary folder at {@code /autograder}
 * and shows only the system's {@code /usr} and {@code /etc} besides.
 */
class AutograderArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXERCISE = "concurrent-fetch";

    @TempDir
    static Path shared;

    private static Path zip;

    @BeforeAll
    static void buildArchive() {
        zip = shared.resolve("autograder.zip");
        StringWriter err = new StringWriter();
        var cli = GraderCli.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("gradescope-autograder", EXERCISE, "--exercises", "exercises", "--out", zip.toString());
        assertEquals(0, code, err.toString());
    }

    @TempDir
    Path tmp;

    @Test
    void archive_hasGradescopesFilesAtItsRoot_executable_withIsolationNoneSaid() throws Exception {
        Map<String, Integer> modes = new TreeMap<>();
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                modes.put(e.getName(), e.getUnixMode());
            }
            String settings =
                    new String(z.getInputStream(z.getEntry("grader.yaml")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(settings.contains("\nisolation: none\n"), settings);
            assertTrue(settings.contains("container"), settings);
            String setup = new String(z.getInputStream(z.getEntry("setup.sh")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(setup.contains("apt-get install -y -qq openjdk-21-jdk-headless"), setup);
            // The reference solution stays home: student code in the container could read it.
            String carried = new String(
                    z.getInputStream(z.getEntry("exercises/" + EXERCISE + "/solution/Main.java"))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            String reference = Files.readString(Path.of("exercises", EXERCISE, "solution", "Main.java"));
            assertTrue(reference.contains("// BEGIN SOLUTION"), "the test must be able to fail");
            assertEquals(StarterCode.fromSolution(reference), carried);
        }
        assertTrue(Files.isDirectory(Path.of("exercises", EXERCISE, "accepted")), "the test must be able to fail");
        assertFalse(
                modes.keySet().stream().anyMatch(n -> n.contains("/accepted/")),
                modes.keySet().toString());
        assertEquals(0755, modes.get("setup.sh") & 0777);
        assertEquals(0755, modes.get("run_autograder") & 0777);
        assertTrue(modes.containsKey("grader/async-grader.jar"), modes.keySet().toString());
        assertTrue(modes.containsKey("exercises/" + EXERCISE + "/exercise.yaml"));
        assertTrue(modes.keySet().stream().anyMatch(n -> n.startsWith("grader/jackson-databind")));
    }

    @Test
    void referenceSolution_getsFullMarks() throws Exception {
        JsonNode results = runAutograder(Path.of("exercises", EXERCISE, "solution"));
        assertEquals(14.0, results.get("score").asDouble(), results.toString());
        for (JsonNode t : results.get("tests")) {
            assertEquals("passed", t.get("status").asText(), t.toString());
        }
    }

    @Test
    void sequentialFetches_loseTheConcurrencyChecks_gradedAsTheSubmittersOfTheMetadata() throws Exception {
        Files.createDirectories(tmp.resolve("autograder"));
        Files.writeString(tmp.resolve("autograder/submission_metadata.json"), """
                {"id": 123456, "created_at": "2026-11-29T00:40:00.0+00:00", "submission_method": "upload",
                 "users": [{"email": "ada@example.edu", "id": 1, "name": "Ada"},
                           {"email": "bo@example.edu", "id": 2, "name": "Bo"}],
                 "assignment": {"id": 77, "title": "Concurrent fetch", "total_points": "14.0"},
                 "previous_submissions": []}
                """);
        JsonNode results = runAutograder(Path.of("exercises", EXERCISE, "variants", "sequential"));
        assertEquals(
                "ada@example.edu,bo@example.edu",
                results.get("extra_data").get("result").get("student").asText());
        double score = results.get("score").asDouble();
        assertTrue(score > 0 && score < 14.0, results.toString());
        List<String> failed = new ArrayList<>();
        for (JsonNode t : results.get("tests")) {
            if (t.get("status").asText().equals("failed")) {
                failed.add(t.get("name").asText());
            }
        }
        assertTrue(failed.contains("All fetches start at the same time"), failed.toString());
        assertTrue(failed.contains("Takes about as long as running everything at once"), failed.toString());
        assertFalse(failed.contains("Prints every expected line"), failed.toString());
    }

    /** Lays out /autograder as Gradescope does, runs run_autograder there, and returns the results it wrote. */
    private JsonNode runAutograder(Path submissionSources) throws IOException, InterruptedException {
        Path root = tmp.resolve("autograder");
        Path source = Files.createDirectories(root.resolve("source"));
        unzip(zip, source);
        Files.copy(
                source.resolve("run_autograder"), root.resolve("run_autograder"), StandardCopyOption.COPY_ATTRIBUTES);
        Path submission = Files.createDirectories(root.resolve("submission"));
        try (var files = Files.list(submissionSources)) {
            for (Path f : files.toList()) {
                Files.copy(f, submission.resolve(f.getFileName()));
            }
        }
        Files.createDirectories(root.resolve("results"));
        List<String> command = List.of(
                "bwrap",
                "--ro-bind",
                "/usr",
                "/usr",
                "--symlink",
                "usr/lib",
                "/lib",
                "--symlink",
                "usr/lib64",
                "/lib64",
                "--symlink",
                "usr/bin",
                "/bin",
                "--symlink",
                "usr/sbin",
                "/sbin",
                "--ro-bind",
                "/etc",
                "/etc",
                "--dev",
                "/dev",
                "--proc",
                "/proc",
                "--tmpfs",
                "/tmp",
                "--bind",
                root.toString(),
                "/autograder",
                "--chdir",
                "/autograder",
                "--unshare-pid",
                "--die-with-parent",
                "--clearenv",
                "--setenv",
                "PATH",
                "/usr/bin:/bin",
                "--setenv",
                "JAVA_HOME",
                System.getProperty("java.home"),
                "/autograder/run_autograder");
        Path stdout = root.resolve("results/stdout");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(stdout.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("run_autograder did not finish: " + Files.readString(stdout));
        }
        String log = Files.readString(stdout);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("isolation: none"), log);
        Path results = root.resolve("results/results.json");
        assertEquals("", GradescopeSchema.problems(results), log);
        return JSON.readTree(results.toFile());
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target);
                }
                Set<PosixFilePermission> perms =
                        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                if ((e.getUnixMode() & 0100) != 0) {
                    perms.add(PosixFilePermission.OWNER_EXECUTE);
                }
                Files.setPosixFilePermissions(target, perms);
            }
        }
    }
}
