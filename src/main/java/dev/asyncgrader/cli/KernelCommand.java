package dev.asyncgrader.cli;

import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.kernel.JupyterKernel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs as a Jupyter kernel; Jupyter starts it from the kernelspec that {@code install-kernel} writes. */
@Command(
        name = "kernel",
        description = "Run as a Jupyter kernel (Jupyter starts this from the kernelspec install-kernel writes).")
final class KernelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONNECTION_FILE", description = "The connection file Jupyter wrote.")
    Path connectionFile;

    @Mixin
    ExercisesFolder exercisesFolder;

    @Mixin
    ConfigChoice settings;

    private Grader grader;

    @Override
    public Integer call() throws Exception {
        GradingRuntime runtime = settings.runtime();
        try {
            JupyterKernel.run(
                    connectionFile,
                    new JupyterKernel.Setup(
                            exercisesFolder.in(runtime).toAbsolutePath(), runtime.launcher(), () -> grader(runtime)));
        } finally {
            synchronized (this) {
                if (grader != null) {
                    grader.compiler().close(); // its warm compiler processes end with the kernel
                }
            }
        }
        return 0;
    }

    private synchronized Grader grader(GradingRuntime runtime) {
        if (grader == null) {
            grader = runtime.grader();
        }
        return grader;
    }
}
