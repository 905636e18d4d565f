package dev.asyncgrader.compile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The grader's side of one {@link CompileWorker} process: sends it a request and reads its answer. */
final class WorkerProcess {
    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream answers;

    private WorkerProcess(Process process) {
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.answers = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    }

    /** Starts a compiler process; it warms itself up while it waits for its first request. */
    static WorkerProcess start() throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xmx512m",
                "-Xss4m", // javac recurses deeply on nested expressions
                "-cp",
                ownClassPath(),
                CompileWorker.class.getName());
        return new WorkerProcess(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start());
    }

    /** Where this class was loaded from (the grader's jar or classes folder): the process needs only this package. */
    private static String ownClassPath() {
        try {
            return Path.of(CompileWorker.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException | NullPointerException e) {
            return System.getProperty("java.class.path");
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The process's id, for tests that check it is gone. */
    long pid() {
        return process.pid();
    }

    /**
     * Compiles in the process and waits for the answer; throws {@link IOException} if the process ends or breaks
     * the protocol, {@link JavacFailed} if javac itself failed (the process stays usable).
     */
    CompileOutcome compile(Map<String, String> sources, int release, List<Path> classpath) throws IOException {
        requests.writeInt(release);
        requests.writeInt(sources.size());
        for (var e : sources.entrySet()) {
            CompileWorker.writeText(requests, e.getKey());
            CompileWorker.writeText(requests, e.getValue());
        }
        requests.writeInt(classpath.size());
        for (Path p : classpath) {
            CompileWorker.writeText(requests, p.toString());
        }
        requests.flush();
        if (answers.readInt() != CompileWorker.MAGIC) {
            throw new IOException("the compiler process answered outside its protocol");
        }
        int kind = answers.readByte();
        switch (kind) {
            case CompileWorker.COMPILED -> {
                Map<String, byte[]> classes = new HashMap<>();
                for (int n = answers.readInt(); n > 0; n--) {
                    classes.put(CompileWorker.readText(answers), CompileWorker.readBytes(answers));
                }
                return new CompileOutcome.Compiled(Map.copyOf(classes), 0);
            }
            case CompileWorker.FAILED -> {
                List<CompileDiagnostic> diagnostics = new ArrayList<>();
                for (int n = answers.readInt(); n > 0; n--) {
                    diagnostics.add(new CompileDiagnostic(
                            CompileWorker.readText(answers),
                            answers.readLong(),
                            answers.readLong(),
                            CompileWorker.readText(answers)));
                }
                return new CompileOutcome.Failed(List.copyOf(diagnostics), answers.readInt());
            }
            case CompileWorker.BROKEN -> throw new JavacFailed(CompileWorker.readText(answers));
            default -> throw new IOException("the compiler process answered an unknown kind " + kind);
        }
    }

    /** Ends the process at once, whatever it is doing. */
    void kill() {
        process.destroyForcibly();
    }

    /** javac itself failed on a request (e.g. a StackOverflowError); the process is still usable. */
    static final class JavacFailed extends IOException {
        private static final long serialVersionUID = 1L;

        JavacFailed(String message) {
            super(message);
        }
    }
}
