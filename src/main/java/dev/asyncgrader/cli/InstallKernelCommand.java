package dev.asyncgrader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the Jupyter kernelspec {@code async-grader}: a {@code kernel.json} whose command runs this grader's
 * {@code kernel} command with this JDK and the absolute path of this jar.
 */
@Command(
        name = "install-kernel",
        description = "Install the Jupyter kernel \"Java (async-grader)\": system-wide (default), for this user, or"
                + " under a prefix.")
final class InstallKernelCommand implements Callable<Integer> {
    static final String NAME = "async-grader";

    /** Where the kernelspec goes: at most one of the two. */
    static final class Where {
        @Option(names = "--user", description = "Install for this user (the Jupyter data folder).")
        boolean user;

        @Option(
                names = "--prefix",
                paramLabel = "DIR",
                description = "Install under DIR/share/jupyter/kernels (e.g. a virtualenv's or a test's prefix).")
        Path prefix;
    }

    @ArgGroup(exclusive = true)
    Where where;

    @Option(
            names = "--exercises",
            paramLabel = "DIR",
            description = "Exercises folder the kernel reads (default: the notebook's working folder's).")
    Path exercises;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Settings file the kernel reads (default: as every command chooses it).")
    Path config;

    @Override
    public Integer call() throws IOException {
        Path dir = kernelsFolder(System.getenv()).resolve(NAME);
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode spec = json.createObjectNode();
        ArrayNode argv = spec.putArray("argv");
        kernelCommand().forEach(argv::add);
        spec.put("display_name", "Java (async-grader)");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.putObject("metadata");
        Path file = dir.resolve("kernel.json");
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(spec) + "\n");
        System.out.println("Installed the Jupyter kernel " + NAME + " in " + dir.toAbsolutePath());
        return 0;
    }

    /** The {@code kernels} folder the options choose, as Jupyter looks for it. */
    Path kernelsFolder(Map<String, String> env) {
        if (where != null && where.prefix != null) {
            return where.prefix.toAbsolutePath().resolve("share/jupyter/kernels");
        }
        if (where != null && where.user) {
            String data = env.get("JUPYTER_DATA_DIR");
            if (data != null && !data.isBlank()) {
                return Path.of(data).toAbsolutePath().resolve("kernels");
            }
            String xdg = env.get("XDG_DATA_HOME");
            Path base = xdg != null && !xdg.isBlank()
                    ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".local", "share");
            return base.resolve("jupyter/kernels");
        }
        return Path.of("/usr/local/share/jupyter/kernels");
    }

    /** This JDK's java running this grader (its jar, or its class path when not run from a jar) as a kernel. */
    List<String> kernelCommand() {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-XX:+UseSerialGC");
        Path code = codeSource();
        if (code.toString().endsWith(".jar")) {
            argv.add("-jar");
            argv.add(code.toString());
        } else {
            argv.add("-cp");
            argv.add(System.getProperty("java.class.path"));
            argv.add(GraderCli.class.getName());
        }
        argv.add("kernel");
        if (exercises != null) {
            argv.add("--exercises");
            argv.add(exercises.toAbsolutePath().toString());
        }
        if (config != null) {
            argv.add("--config");
            argv.add(config.toAbsolutePath().toString());
        }
        argv.add("{connection_file}");
        return argv;
    }

    private static Path codeSource() {
        try {
            return Path.of(GraderCli.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the grader's own jar", e);
        }
    }
}
