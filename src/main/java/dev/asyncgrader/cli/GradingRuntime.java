package dev.asyncgrader.cli;

import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.StartGate;
import dev.asyncgrader.sandbox.Isolation;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.Sandboxes;
import java.nio.file.Path;

/**
 * The grading machinery a CLI command needs, wired once from the configuration: the one place that decides the
 * isolation (probing the sandbox once per command), the launcher, the warm compiler and the start gate.
 */
final class GradingRuntime {
    final GraderConfig config;
    private Isolation isolation;
    private Grader grader;

    GradingRuntime(GraderConfig config) {
        this.config = config;
    }

    /**
     * The isolation this command grades with: the sandbox, checked once by a probe JVM; or {@code none} where the
     * configuration says so (warned about once). Throws {@link dev.asyncgrader.config.ConfigException} with what
     * to do when the sandbox does not work.
     */
    synchronized Isolation isolation() {
        if (isolation == null) {
            isolation = Sandboxes.fromConfig(config, System.err);
        }
        return isolation;
    }

    /** The launcher of student JVMs, through {@link #isolation()}. */
    JvmLauncher launcher() {
        return JvmLauncher.ofCurrentJdk(isolation());
    }

    /** The grader: a warm compiler, the launcher through {@link #isolation()}, a start gate sized to this machine. */
    synchronized Grader grader() {
        if (grader == null) {
            grader = grader(launcher());
        }
        return grader;
    }

    /** A grader like {@link #grader()} that launches through {@code launcher} (a benchmark's own pipeline). */
    Grader grader(JvmLauncher launcher) {
        SourceCompiler compiler = new SourceCompiler(new SourceCompiler.CompileLimits(
                config.compileMaxFiles(), config.compileMaxKb() * 1024, config.compileTimeout()));
        compiler.warmUp();
        return new Grader(compiler, launcher, StartGate.forThisMachine());
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
