package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.kernel.Notebooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One student's folder in a batch: its name is the student id, its {@code .java} files the submission (or, if it
 * holds none, the {@code %%grade} cell of its one {@code .ipynb} notebook). Links are never followed, and only
 * regular files directly inside the folder count ({@link #readTree(Exercise)}, for an upload that keeps its
 * folders, looks deeper).
 */
record SubmissionFolder(String student, Path dir) {
    /** Larger files are refused before reading; the compiler applies the finer limits. */
    static final long MAX_FILE_BYTES = 512 * 1024;

    /** How deep {@link #readTree(Exercise)} looks: a zip of a folder, or a repository's {@code src/main/java}. */
    static final int MAX_DEPTH = 4;

    /** The submission's sources, or a reason to reject it. */
    Sources read(Exercise exercise) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return read(entries.sorted().toList(), exercise);
        }
    }

    /**
     * The {@code .java} files (or one notebook) anywhere in the folder (at most {@link #MAX_DEPTH} deep, links not followed), as an
     * uploaded archive or repository holds them; two files of one name are a rejection, since the grader compiles a
     * flat set of files.
     */
    Sources readTree(Exercise exercise) throws IOException {
        List<Path> found;
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            // macOS puts "._Main.java" resource forks (under __MACOSX) into zips; they are not sources.
            found = walk.filter(p -> p.getFileName().toString().endsWith(".java")
                            || p.getFileName().toString().endsWith(".ipynb"))
                    .filter(p -> !p.getFileName().toString().startsWith("._"))
                    .filter(p -> !dir.relativize(p).toString().contains("__MACOSX"))
                    .sorted()
                    .toList();
        }
        Set<String> names = new HashSet<>();
        for (Path p : found) {
            if (!names.add(p.getFileName().toString())) {
                return new Sources(Map.of(), "two files are named " + p.getFileName() + " (" + dir.relativize(p) + ")");
            }
        }
        return read(found, exercise);
    }

    private Sources read(List<Path> candidates, Exercise exercise) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Map<String, String> notebooks = new TreeMap<>();
        for (Path p : candidates) {
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
