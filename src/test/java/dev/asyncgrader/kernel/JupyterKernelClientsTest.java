package dev.asyncgrader.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.cli.GraderCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel as Jupyter's own clients see it: Debian's jupyter_client, nbclient and jupyter_kernel_test drive a
 * kernel installed by {@code install-kernel --prefix} (src/test/python/kernel_clients.py, one scenario per test).
 * Cells run in the real sandbox; {@code %%grade} grades real submissions.
 */
class JupyterKernelClientsTest {
    private static final Path SCRIPT =
            Path.of("src/test/python/kernel_clients.py").toAbsolutePath();
    private static final Path EXERCISES = Path.of("exercises").toAbsolutePath();

    @TempDir
    static Path prefix;

    @BeforeAll
    static void installKernel() {
        int status = GraderCli.commandLine()
                .execute("install-kernel", "--prefix", prefix.toString(), "--exercises", EXERCISES.toString());
        assertEquals(0, status);
        assertTrue(Files.isRegularFile(prefix.resolve("share/jupyter/kernels/async-grader/kernel.json")));
    }

    /** Runs one scenario of the Python script and fails with what the client saw if it does not hold. */
    private static void scenario(String name) throws IOException, InterruptedException {
        scenario(name, Map.of());
    }

    private static void scenario(String name, Map<String, String> env) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(prefix, name); // the kernel's working folder: no grader-config there
        ProcessBuilder pb = new ProcessBuilder(
                        List.of("/usr/bin/python3", SCRIPT.toString(), name, EXERCISES.toString()))
                .directory(work.toFile())
                .redirectErrorStream(true);
        pb.environment().put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", work.resolve("runtime").toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        String output = new String(out, StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended && p.exitValue() == 0, () -> "scenario " + name + " failed:\n" + output);
    }

    @Test
    void cellsKeepVariablesMethodsAndRecordsFromCellToCell() throws Exception {
        scenario("state_across_cells");
    }

    @Test
    void aLineASecondsSleepAndALineArriveAsTwoStreamMessagesASecondApart() throws Exception {
        scenario("streaming_timing");
    }

    @Test
    void compileErrorsAndExceptionsAreErrorMessagesWithNameValueAndTraceback() throws Exception {
        scenario("errors");
    }

    @Test
    void interruptStopsABusyLoopAndASleep_andReplacesTheJvmOfACellThatDoesNotStop() throws Exception {
        scenario("interrupt");
    }

    @Test
    void interruptEndsAGradeMagicWhileItsRunsGo() throws Exception {
        scenario("interrupt_grade");
    }

    @Test
    void restartGivesAFreshState() throws Exception {
        scenario("restart");
    }

    @Test
    void isCompleteCompletionAndInspectionKnowNamesDeclaredInEarlierCells() throws Exception {
        scenario("is_complete_and_complete");
    }

    @Test
    void gradeMagicGivesTheReferenceSolutionFullMarksWithATimeline() throws Exception {
        scenario("grade_correct");
    }

    @Test
    void gradeMagicGivesASequentialSolutionLessThanFullMarksWithTheFailedChecksFeedback() throws Exception {
        scenario("grade_sequential");
    }

    @Test
    void exercisesStarterAndRunMagicsListSeedAndStreamTheExampleRun() throws Exception {
        scenario("magics");
    }

    @Test
    void cellsRunInTheSandboxAndShutdownLeavesNoProcessBehind() throws Exception {
        scenario("sandbox");
    }

    @Test
    void aWronglySignedRequestIsIgnoredAndARightlySignedOneAnswered() throws Exception {
        scenario("signatures");
    }

    @Test
    void passesJupyterKernelTestConformance() throws Exception {
        scenario("conformance");
    }

    @Test
    void nbclientExecutesANotebookWhoseGradedCellGetsFullMarks() throws Exception {
        scenario("notebook");
    }

    @Test
    void jupyterConsoleShowsACellsValue() throws Exception {
        scenario("console");
    }

    @Test
    void nbclientRunsTheStarterNotebookWithACorrectAndASequentialSolution() throws Exception {
        Path folder = Files.createTempDirectory(prefix, "starter");
        assertEquals(
                0,
                GraderCli.commandLine()
                        .execute(
                                "starter",
                                "finish-order",
                                "--format",
                                "ipynb",
                                "--out",
                                folder.toString(),
                                "--exercises",
                                EXERCISES.toString()));
        scenario(
                "starter_notebook",
                Map.of("STARTER_NOTEBOOK", folder.resolve("finish-order.ipynb").toString()));
    }
}
