package dev.asyncgrader.gradescope;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.StarterCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A Gradescope autograder archive for one exercise: {@code setup.sh} (a JDK 21+ on Gradescope's Ubuntu image),
 * {@code run_autograder} (grades {@code /autograder/submission/} into {@code /autograder/results/results.json}),
 * the grader's jars, the exercise (its reference solution reduced to the starter code, no accepted solutions), and
 * settings with {@code isolation: none}.
 *
 * <p>Why no sandbox: Gradescope runs each submission in a container of its own, in which the user namespaces
 * bubblewrap needs are usually not available; the container is the isolation. The settings and each run's output
 * say so.
 */
public final class AutograderArchive {
    /** Where Gradescope unpacks the archive. */
    static final String SOURCE = "/autograder/source";

    /** The file-type bits of a regular file in a Unix mode, which unzip wants beside the permissions. */
    private static final int REGULAR_FILE = 0100000;

    private AutograderArchive() {}

    /** Writes the archive for {@code exercise} to {@code zip}, carrying {@code jars}. */
    public static void write(Exercise exercise, GraderJars jars, Visibility hiddenChecks, Path zip) throws IOException {
        Path dir = zip.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".autograder-", ".zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(tmp)) {
            text(out, "setup.sh", setupScript(), 0755);
            text(out, "run_autograder", runScript(exercise.id(), hiddenChecks), 0755);
            text(out, "grader.yaml", settings(), 0644);
            if (Files.isDirectory(jars.code())) {
                ZipArchiveEntry e = entry("grader/async-grader.jar", 0644);
                out.putArchiveEntry(e);
                packClasses(jars.code(), out);
                out.closeArchiveEntry();
            } else {
                file(out, "grader/async-grader.jar", jars.code());
            }
            for (Path lib : jars.libraries()) {
                file(out, "grader/" + GraderJars.fileName(lib), lib);
            }
            List<Path> exerciseFiles;
            try (Stream<Path> walk = Files.walk(exercise.dir())) {
                exerciseFiles = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .sorted()
                        .toList();
            }
            for (Path p : exerciseFiles) {
                String rel = exercise.dir().relativize(p).toString().replace('\\', '/');
                String name = "exercises/" + exercise.id() + "/" + rel;
                if (rel.startsWith("accepted/")) {
                    continue; // other correct solutions: for check-exercise, never needed to grade
                }
                if (rel.startsWith("solution/") && rel.endsWith(".java")) {
                    // Student programs run unsandboxed in Gradescope's container and could read the reference; grading
                    // never needs it, and the loader takes the starter code (no solution regions) as a solution.
                    text(out, name, StarterCode.fromSolution(Files.readString(p)), 0644);
                } else {
                    file(out, name, p);
                }
            }
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Installs the JDK the grader runs on; Gradescope runs it once, as root, when it builds the image. */
    static String setupScript() {
        return """
                #!/usr/bin/env bash
                # async-grader: Gradescope runs this once, as root, while it builds the autograder image.
                # The grader needs a JDK 21 or newer (javac included: it compiles submissions in memory).
                set -euo pipefail
                export DEBIAN_FRONTEND=noninteractive
                if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -Eq 'javac (2[1-9]|[3-9][0-9])'; then
                  apt-get update -qq
                  apt-get install -y -qq openjdk-21-jdk-headless
                fi
                java -version
                """;
    }

    /** Grades the submission Gradescope placed in /autograder/submission into /autograder/results/results.json. */
    static String runScript(String exerciseId, Visibility hiddenChecks) {
        return """
                #!/usr/bin/env bash
                # async-grader: Gradescope runs this for every submission, in /autograder. What it prints goes to
                # /autograder/results/stdout, which only instructors see; students see results.json.
                set -uo pipefail
                SOURCE=%1$s
                RESULTS=/autograder/results/results.json
                mkdir -p /autograder/results
                echo "async-grader: grading with 'isolation: none'. Gradescope runs each submission in its own container,"
                echo "in which the user namespaces the bubblewrap sandbox needs are usually unavailable; the container"
                echo "is the isolation. See $SOURCE/grader.yaml."
                JAVA=java
                if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; fi
                METADATA=()
                if [ -f /autograder/submission_metadata.json ]; then
                  METADATA=(--gradescope-metadata /autograder/submission_metadata.json)
                fi
                "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$SOURCE/grader/*" dev.asyncgrader.cli.GraderCli \\
                  grade --format gradescope --config "$SOURCE/grader.yaml" --exercises "$SOURCE/exercises" \\
                  --exercise %2$s --submissions /autograder/submission --out "$RESULTS" \\
                  --hidden-visibility %3$s "${METADATA[@]}"
                status=$?
                if [ ! -s "$RESULTS" ]; then
                  # The grader did not even start (no Java?): still tell Gradescope, and the student, why.
                  printf '%%s\\n' '{"score": 0.0, "output": "The autograder could not start (exit status '"$status"'); this is not your fault, please report it.", "tests": []}' > "$RESULTS"
                fi
                echo "async-grader: exit status $status"
                exit 0
                """.formatted(SOURCE, exerciseId, hiddenChecks.wireName());
    }

    /** The grader's settings inside Gradescope's container. */
    static String settings() {
        return """
                # async-grader settings for a Gradescope autograder.
                # isolation: none - Gradescope runs every submission in a fresh container of its own, and inside it
                # the user namespaces the bubblewrap sandbox needs are usually unavailable. The container is the
                # isolation; the grader still caps each run's heap, wall time and output.
                isolation: none
                exercises: exercises
                jobs: 1
                """;
    }

    private static ZipArchiveEntry entry(String name, int mode) {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(REGULAR_FILE | mode);
        return e;
    }

    private static void text(ZipArchiveOutputStream out, String name, String content, int mode) throws IOException {
        out.putArchiveEntry(entry(name, mode));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeArchiveEntry();
    }

    private static void file(ZipArchiveOutputStream out, String name, Path file) throws IOException {
        out.putArchiveEntry(entry(name, 0644));
        Files.copy(file, out);
        out.closeArchiveEntry();
    }

    /** A jar of a classes folder (the grader run from a build tree): its files, no manifest needed for -cp. */
    private static void packClasses(Path classes, OutputStream target) throws IOException {
        try (JarOutputStream j = new JarOutputStream(new NonClosing(target));
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, j);
                j.closeEntry();
            }
        }
    }

    /** Lets the inner jar finish without closing the archive it is written into. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
