package dev.asyncgrader.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The one place where a student process tree is killed and where the grader waits for it with a limit. */
final class ProcessTermination {
    private ProcessTermination() {}

    /** Kills the process and every descendant, children first so none is re-parented and missed. */
    static void killTree(Process process) {
        ProcessHandle root = process.toHandle();
        List<ProcessHandle> descendants = root.descendants().toList();
        for (ProcessHandle d : descendants.reversed()) {
            d.destroyForcibly();
        }
        root.destroyForcibly();
    }

    /** Waits up to {@code limit} for the process to end; true if it ended. */
    static boolean awaitExit(Process process, Duration limit) throws InterruptedException {
        return process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
    }
}
