package dev.asyncgrader.sandbox;

import java.time.Duration;

/** How a student program's process ended. */
public sealed interface RunOutcome {

    /** The program ended by itself with this exit code. */
    record Exited(int code) implements RunOutcome {}

    /** The program was still running at the wall-clock limit; its process tree was killed. */
    record TimedOut(Duration limit) implements RunOutcome {}

    /** The program printed more than the output cap; its process tree was killed. */
    record OutputLimitExceeded(String limit) implements RunOutcome {}

    /** The sandbox killed the program for exceeding a resource limit, e.g. "memory" or "threads". */
    record LimitExceeded(String limit) implements RunOutcome {}

    /** The JVM could not be started at all. */
    record FailedToStart(String reason) implements RunOutcome {}
}
