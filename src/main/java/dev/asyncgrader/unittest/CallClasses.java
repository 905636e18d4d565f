package dev.asyncgrader.unittest;

import dev.asyncgrader.unittest.call.CallRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The class files of {@link CallRunner}, copied from the grader's own jar into a program's folder. */
final class CallClasses {
    /** The folder, within the program's, that holds them (on the class path of a call's run). */
    static final String FOLDER = "call";

    private static final List<String> NAMES = List.of("CallRunner.class", "CallRunner$Reader.class");

    private CallClasses() {}

    static synchronized void writeTo(Path dir) throws java.io.UncheckedIOException {
        try {
            Path pkg = dir.resolve(CallRunner.class.getPackageName().replace('.', '/'));
            if (Files.isDirectory(pkg)) {
                return;
            }
            Files.createDirectories(pkg);
            for (String name : NAMES) {
                try (InputStream in = CallRunner.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException(name + " is missing from the grader's jar");
                    }
                    Files.write(pkg.resolve(name), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
