package dev.asyncgrader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line with a broken settings file: --help still works, and commands end with one line and status 2. */
class CliConfigTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = GraderCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path badConfig() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "jobs: many\n");
        return bad;
    }

    @Test
    void helpOnEverySubcommand_exitsZero_evenWithABrokenSettingsFile() throws IOException {
        Path bad = badConfig();
        List<String> commands =
                GraderCli.commandLine().getSubcommands().keySet().stream().toList();
        assertTrue(commands.size() >= 7, commands.toString());
        for (String command : commands) {
            assertEquals(0, run(command, "--config", bad.toString(), "--help"), command + ": " + err);
            assertTrue(out.toString().contains("Usage: async-grader " + command), command + ": " + out);
        }
        assertEquals("", err.toString());
    }

    @Test
    void brokenSettingsFile_oneLineNamingFileAndField_exitTwo() throws IOException {
        Path bad = badConfig();
        assertEquals(2, run("exercises", "--config", bad.toString()));
        String said = err.toString().strip();
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.startsWith("async-grader: " + bad + ": jobs: "), said);
    }

    @Test
    void missingNamedSettingsFile_oneLine_exitTwo() {
        Path missing = dir.resolve("missing.yaml");
        assertEquals(2, run("exercises", "--config", missing.toString()));
        assertEquals(
                "async-grader: --config " + missing + ": no such settings file",
                err.toString().strip());
    }

    @Test
    void exercisesFolder_comesFromTheChosenFile() throws IOException {
        Path nowhere = dir.resolve("no-exercises-here");
        Path config = dir.resolve("grader.yaml");
        Files.writeString(config, "exercises: " + nowhere + "\n");
        assertEquals(2, run("exercises", "--config", config.toString()));
        assertTrue(err.toString().contains(nowhere.toString()), err.toString());
    }

    @Test
    void grade_decidesIsolationOnce_soTheNoneWarningIsSaidOnce() throws IOException {
        Path config = dir.resolve("grader.yaml");
        Files.writeString(config, "exercises: src/test/resources/test-exercises\nisolation: none\n");
        Path subs = Files.createDirectories(dir.resolve("subs/ann"));
        Files.writeString(subs.resolve("Main.java"), "public class Main { public static void main(String[] a) {} }");
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int status;
        try {
            status = run(
                    "grade",
                    "--config",
                    config.toString(),
                    "--exercise",
                    "hello-wait",
                    "--submissions",
                    dir.resolve("subs").toString(),
                    "--out",
                    dir.resolve("out.json").toString());
        } finally {
            System.setErr(before);
        }
        String said = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, status, said + err);
        assertEquals(1, said.split("isolation is 'none'", -1).length - 1, said);
    }
}
