package dev.asyncgrader.cli;

import dev.asyncgrader.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code async-grader} command line: batch grading, exercise checks, exercise listing. */
@Command(
        name = "async-grader",
        mixinStandardHelpOptions = true, // inherited: --help works on every subcommand, before any file is read
        scope = CommandLine.ScopeType.INHERIT,
        version = "async-grader 0.1.0",
        description =
                "Grades student Java solutions to concurrency exercises by what they print, in what order and when.",
        subcommands = {
            GradeCommand.class,
            GradescopeAutograderCommand.class,
            BenchCommand.class,
            CheckExerciseCommand.class,
            CheckSandboxCommand.class,
            ExercisesCommand.class,
            InstallKernelCommand.class,
            KernelCommand.class,
            ServeCommand.class,
            StarterCommand.class
        })
public final class GraderCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; problems of usage or exercises end with a one-line message and status 2. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GraderCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof UsageProblem) {
                commandLine.getErr().println("async-grader: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A mistake in how the grader was called, reported as one line without a stack trace. */
    static final class UsageProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageProblem(String message) {
            super(message);
        }
    }
}
