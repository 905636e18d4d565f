package dev.asyncgrader.cli;

import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.StartGate;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.Sandboxes;
import java.nio.file.Path;

/** The grading machinery a CLI command needs, wired once from the configuration. */
final class GradingRuntime {
    final GraderConfig config;

    GradingRuntime(GraderConfig config) {
        this.config = config;
    }

    /** A grader with a warm compiler, the sandbox chosen by the configuration and a start gate sized to this machine. */
    Grader grader() {
        return grader(JvmLauncher.ofCurrentJdk(Sandboxes.fromConfig(config, System.err)));
    }

    /** A grader with a warm compiler and a start gate sized to this machine, launching through {@code launcher}. */
    Grader grader(JvmLauncher launcher) {
        SourceCompiler compiler = new SourceCompiler(new SourceCompiler.CompileLimits(
                config.compileMaxFiles(), config.compileMaxKb() * 1024, config.compileTimeout()));
        compiler.warmUp();
        return new Grader(
                compiler,
                JvmLauncher.ofCurrentJdk(Sandboxes.fromConfig(config, System.err)),
                StartGate.forThisMachine());
    }

    /** The exercises folder: the command's option if given, else the configuration's. */
    Path exercises(Path option) {
        return option != null ? option : config.exercises();
    }

    /**
     * Gradings at once: the command's option, else the configuration, else twice the cores, since most of
     * a run is waiting and the start gate keeps CPU-heavy phases to one per core.
     */
    int jobs(Integer option) {
        if (option != null) {
            return Math.max(1, option);
        }
        return config.jobs() > 0
                ? config.jobs()
                : Math.min(8, 2 * Runtime.getRuntime().availableProcessors());
    }
}
