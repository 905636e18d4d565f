package dev.asyncgrader.grading;

import dev.asyncgrader.check.RunEvidence;
import dev.asyncgrader.exercise.RunSpec;
import dev.asyncgrader.sandbox.RunTranscript;

/** One run's program output and what the checks judge it by. */
record RunResult(RunSpec run, RunTranscript transcript, RunEvidence evidence) {}
