package dev.asyncgrader.sandbox;

import java.time.Duration;

/**
 * The limits of one student-program run.
 *
 * @param wallTime time after which the process tree is killed
 * @param heapMb the JVM's heap limit ({@code -Xmx})
 * @param maxLines output lines (stdout and stderr together) after which the program is killed
 * @param maxBytes output bytes after which the program is killed
 * @param cpus the CPU count the JVM is told it has ({@code -XX:ActiveProcessorCount}), so that default
 *     thread pools are sized the same on every host
 */
public record RunLimits(Duration wallTime, int heapMb, int maxLines, long maxBytes, int cpus) {
    /** Longest line kept; the rest of a longer line is dropped (it still counts against maxBytes). */
    public static final int MAX_LINE_CHARS = 4000;
}
