package dev.asyncgrader.exercise;

import java.util.List;

/** One run of a submission that an exercise asks for: its arguments, and whether students may see them. */
public record RunSpec(String name, List<String> args, boolean hidden) {}
