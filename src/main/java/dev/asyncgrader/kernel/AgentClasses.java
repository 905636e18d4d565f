package dev.asyncgrader.kernel;

import dev.asyncgrader.kernel.agent.EvaluationAgent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class files of {@link EvaluationAgent}'s package, copied from the grader's jar (or classes folder) into the
 * folder the sandbox shows the agent's JVM: all it may see of the grader.
 */
final class AgentClasses {
    /** The class-path entry, within the program folder, that holds them. */
    static final String FOLDER = "classes";

    private static final String PACKAGE = EvaluationAgent.class.getPackageName().replace('.', '/') + "/";

    private AgentClasses() {}

    static void writeTo(Path programDir) throws IOException {
        Path target = programDir.resolve(FOLDER);
        Path source;
        try {
            source = Path.of(EvaluationAgent.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the grader's classes: " + e.getMessage(), e);
        }
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(PACKAGE))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    Path to = target.resolve(PACKAGE).resolve(f.getFileName().toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(source.toFile())) {
            for (JarEntry e : jar.stream().toList()) {
                String name = e.getName();
                if (name.startsWith(PACKAGE) && name.endsWith(".class") && name.indexOf('/', PACKAGE.length()) < 0) {
                    Path to = target.resolve(name);
                    Files.createDirectories(to.getParent());
                    try (InputStream in = jar.getInputStream(e)) {
                        Files.copy(in, to);
                    }
                }
            }
        }
    }
}
