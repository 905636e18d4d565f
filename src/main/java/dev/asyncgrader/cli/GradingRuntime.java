package dev.asyncgrader.cli;

import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.StartGate;
import dev.asyncgrader.sandbox.CommandWrapper;
import dev.asyncgrader.sandbox.JvmLauncher;

/** The grading machinery a CLI command needs, wired once: a warm compiler, the launcher, the start gate. */
final class GradingRuntime {
    private GradingRuntime() {}

    static Grader grader() {
        SourceCompiler compiler = new SourceCompiler(SourceCompiler.CompileLimits.DEFAULT);
        compiler.warmUp();
        return new Grader(compiler, JvmLauncher.ofCurrentJdk(CommandWrapper.NONE), StartGate.forThisMachine());
    }

    /** Parallel gradings that this machine takes without stretching run timings: most of a run is waiting. */
    static int defaultJobs() {
        return Math.min(8, 2 * Runtime.getRuntime().availableProcessors());
    }
}
