package dev.asyncgrader.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real {@code serve} process for the tests that kill it: its own JVM on the test class path, grading the test
 * exercises, its output in a log file; started, waited for until healthy, and killed with its process tree.
 */
final class ServeProcess {
    private ServeProcess() {}

    /** A port free at this moment on loopback. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code serve} on {@code port} over {@code data}, with {@code environment} and any {@code extraArgs}. */
    static Process start(int port, Path data, Path log, Map<String, String> environment, String... extraArgs)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.asyncgrader.cli.GraderCli",
                "serve"));
        command.addAll(List.of(extraArgs));
        command.addAll(List.of(
                "--port",
                Integer.toString(port),
                "--data",
                data.toString(),
                "--exercises",
                "src/test/resources/test-exercises"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    /** Waits until {@code /health} answers 200; fails with the log if the process dies or a minute passes. */
    static void awaitHealthy(ApiClient api, Process p, Path log) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new AssertionError("server died: " + Files.readString(log));
            }
            try {
                if (api.get("/health").status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server did not start: " + Files.readString(log));
    }

    /** Kills the server and everything it started (SIGKILL), and waits for it. */
    static void kill(Process p) throws InterruptedException {
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
    }
}
