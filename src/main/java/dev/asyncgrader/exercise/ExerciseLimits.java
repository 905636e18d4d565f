package dev.asyncgrader.exercise;

import java.time.Duration;

/** An exercise's limits for each run of a submission. */
public record ExerciseLimits(Duration wallTime, int memoryMb, int outputLines, long outputBytes) {
    public static final ExerciseLimits DEFAULT = new ExerciseLimits(Duration.ofSeconds(30), 256, 10_000, 1024 * 1024);
}
