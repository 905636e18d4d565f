package dev.asyncgrader.unittest;

import dev.asyncgrader.sandbox.JavaProgram;
import dev.asyncgrader.sandbox.RunTranscript;
import java.io.IOException;
import java.time.Duration;

/**
 * How hidden tests reach the student's program: one sandboxed run, stopped at {@code wall}, its lines stamped by
 * the grader's clock. The grader supplies it (with the exercise's limits); trusted test code only ever sees the
 * run's output as data.
 */
@FunctionalInterface
public interface ProgramLauncher {
    RunTranscript run(JavaProgram program, Duration wall) throws IOException, InterruptedException;
}
