package dev.asyncgrader.exercise;

import java.util.List;
import java.util.Map;

/** A known-wrong solution kept with an exercise, and the checks it must fail. */
public record VariantSpec(String name, List<String> mustFail, Map<String, String> files) {}
