package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.kernel.Notebooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One student's folder in a batch: its name is the student id, its {@code .java} files the submission (or, if it
 * holds none, the {@code %%grade} cell of its one {@code .ipynb} notebook). Links are never followed, and only
 * regular files directly inside the folder count.
 */
record SubmissionFolder(String student, Path dir) {
    /** Larger files are refused before reading; the compiler applies the finer limits. */
    static final long MAX_FILE_BYTES = 512 * 1024;

    /** The submission's sources, or a reason to reject it. */
    Sources read(Exercise exercise) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Map<String, String> notebooks = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".java") && !name.endsWith(".ipynb")) {
                    continue;
                }
                if (Files.isSymbolicLink(p) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    return new Sources(Map.of(), name + " is a link or not a regular file");
                }
                if (Files.size(p) > MAX_FILE_BYTES) {
                    return new Sources(Map.of(), name + " is larger than " + MAX_FILE_BYTES / 1024 + " KB");
                }
                (name.endsWith(".java") ? files : notebooks).put(name, Files.readString(p));
            }
        }
        if (files.isEmpty() && notebooks.size() == 1) {
            return switch (Notebooks.gradedCell(notebooks.values().iterator().next(), exercise.id())) {
                case Notebooks.GradedCell.Found f ->
                    new Sources(Map.of(exercise.entryPoint() + ".java", f.source()), null);
                case Notebooks.GradedCell.Missing m -> new Sources(Map.of(), m.reason());
            };
        }
        return new Sources(files, null);
    }

    /** The files read, or {@code rejection} saying why none may be graded. */
    record Sources(Map<String, String> files, String rejection) {}

    static Stream<SubmissionFolder> in(Path submissions) throws IOException {
        try (Stream<Path> entries = Files.list(submissions)) {
            return entries
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .map(p -> new SubmissionFolder(p.getFileName().toString(), p))
                    .toList()
                    .stream();
        }
    }
}
