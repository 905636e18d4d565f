package dev.asyncgrader.grading;

import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.Sandboxes;

/** Graders for tests, wired as in production: sandboxed, with the start gate. */
public final class TestGraders {
    private static Grader sandboxed;

    private TestGraders() {}

    /** A grader whose runs are in the bubblewrap sandbox; fails (does not skip) where the sandbox does not work. */
    public static synchronized Grader sandboxed() {
        if (sandboxed == null) {
            SourceCompiler compiler = new SourceCompiler(SourceCompiler.CompileLimits.DEFAULT);
            sandboxed = new Grader(
                    compiler,
                    JvmLauncher.ofCurrentJdk(Sandboxes.fromConfig(GraderConfig.DEFAULTS, System.err)),
                    StartGate.forThisMachine());
        }
        return sandboxed;
    }
}
