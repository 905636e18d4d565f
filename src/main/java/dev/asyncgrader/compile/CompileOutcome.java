package dev.asyncgrader.compile;

import java.util.List;
import java.util.Map;

/** What compiling a submission produced: class files, or the diagnostics that stopped it. */
public sealed interface CompileOutcome {

    /** The sources compiled; {@code classes} maps binary class names to class-file bytes. */
    record Compiled(Map<String, byte[]> classes, long millis) implements CompileOutcome {}

    /** The sources did not compile; {@code diagnostics} is capped, {@code omitted} counts the rest. */
    record Failed(List<CompileDiagnostic> diagnostics, int omitted) implements CompileOutcome {}

    /** The submission was refused before compiling (too large, too many files, a bad file name). */
    record Rejected(String reason) implements CompileOutcome {}

    /** Compiling took longer than its limit. */
    record TimedOut(long millis) implements CompileOutcome {}
}
