package dev.asyncgrader.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Java compiler: compiles a submission's sources in memory with {@code javax.tools}, annotation processing
 * off, under a size limit and a time limit. The compiling happens in warm compiler processes ({@link
 * CompileWorker}) kept between compilations, because {@code javax.tools} ignores cancellation: a compile past
 * its limit is stopped by ending its process (and a fresh one is started), not left running on a thread.
 * One instance is shared; it compiles as many submissions at once as callers ask for.
 */
public final class SourceCompiler implements AutoCloseable {
    /** How many diagnostics a result keeps; the rest are only counted, like a parser's error list. */
    public static final int MAX_DIAGNOSTICS = 20;

    /** What a new compiler process compiles first, so the first real submission does not pay javac's loading. */
    static final String WARM_UP_SOURCE = "class Warm { Runnable r = () -> System.out.println(java.util.List.of(1)); }";

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");

    /** Warm processes kept while idle: one per core, as many as compile at once behind the start gate. */
    private static final int MAX_IDLE = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final CompileLimits limits;
    private final BlockingDeque<WorkerProcess> idle = new LinkedBlockingDeque<>();
    private final ExecutorService io = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "javac-io");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /** Size and time limits for one compilation. */
    public record CompileLimits(int maxFiles, int maxTotalBytes, Duration timeLimit) {
        public static final CompileLimits DEFAULT = new CompileLimits(20, 256 * 1024, Duration.ofSeconds(20));
    }

    public SourceCompiler(CompileLimits limits) {
        if (javax.tools.ToolProvider.getSystemJavaCompiler() == null) {
            throw new IllegalStateException("No Java compiler in this runtime (" + System.getProperty("java.home")
                    + "); run the grader with a JDK 21+ rather than a JRE, e.g. through ./grader.");
        }
        this.limits = limits;
    }

    /** Starts a compiler process and compiles a trivial class in it, so the first real submission is warm. */
    public void warmUp() {
        try {
            giveBack(warmProcess());
        } catch (IOException e) {
            // The first compile starts one itself and reports the failure.
        }
    }

    /**
     * A compiler process that has compiled {@link #WARM_UP_SOURCE}. Its start and javac's loading are the grader's
     * own cost, never counted against a submission's time limit: on a busy host they can take longer than a
     * compile of a student's program.
     */
    private static WorkerProcess warmProcess() throws IOException {
        WorkerProcess worker = WorkerProcess.start();
        try {
            worker.compile(Map.of("Warm.java", WARM_UP_SOURCE), 21, List.of());
        } catch (IOException e) {
            worker.kill();
            throw new IOException("the compiler process did not warm up: " + e.getMessage(), e);
        }
        return worker;
    }

    /** Compiles {@code sources} (file name to content) for {@code --release release}. */
    public CompileOutcome compile(Map<String, String> sources, int release) {
        return compile(sources, release, List.of());
    }

    /**
     * Compiles {@code sources} against {@code classpath} (folders and jars) for {@code --release release}. Returns
     * {@link CompileOutcome.TimedOut} at the time limit, having ended the process that was compiling.
     */
    public CompileOutcome compile(Map<String, String> sources, int release, List<Path> classpath) {
        String refusal = refusal(sources);
        if (refusal != null) {
            return new CompileOutcome.Rejected(refusal);
        }
        WorkerProcess worker;
        try {
            worker = takeWorker();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a compiler process: " + e.getMessage(), e);
        }
        // The limit counts this compile only, in a warm process: see warmProcess.
        long start = System.nanoTime();
        Future<CompileOutcome> task = io.submit(() -> worker.compile(sources, release, classpath));
        try {
            CompileOutcome outcome = task.get(limits.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
            giveBack(worker);
            return outcome instanceof CompileOutcome.Compiled c
                    ? new CompileOutcome.Compiled(c.classes(), elapsedMillis(start))
                    : outcome;
        } catch (TimeoutException e) {
            stop(worker);
            return new CompileOutcome.TimedOut(limits.timeLimit().toMillis());
        } catch (InterruptedException e) {
            stop(worker);
            Thread.currentThread().interrupt();
            return new CompileOutcome.TimedOut(elapsedMillis(start));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkerProcess.JavacFailed) {
                giveBack(worker);
            } else {
                stop(worker);
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("javac failed internally: " + cause.getMessage(), cause);
        }
    }

    private WorkerProcess takeWorker() throws IOException {
        WorkerProcess w;
        while ((w = idle.pollFirst()) != null) {
            if (w.alive()) {
                return w;
            }
        }
        return warmProcess();
    }

    private void giveBack(WorkerProcess worker) {
        if (closed || idle.size() >= MAX_IDLE || !idle.offerFirst(worker)) {
            worker.kill();
        }
    }

    /** Ends a process that is still compiling and warms a replacement, so the next submission finds one warm. */
    private void stop(WorkerProcess worker) {
        worker.kill();
        if (!closed) {
            io.execute(() -> {
                try {
                    giveBack(warmProcess());
                } catch (IOException e) {
                    // The next compile starts one itself and reports the failure.
                }
            });
        }
    }

    /** The ids of the compiler processes kept warm, for tests. */
    List<Long> idleProcesses() {
        return idle.stream().map(WorkerProcess::pid).toList();
    }

    private @Nullable String refusal(Map<String, String> sources) {
        if (sources.isEmpty()) {
            return "no .java files were submitted";
        }
        if (sources.size() > limits.maxFiles()) {
            return sources.size() + " files were submitted; at most " + limits.maxFiles() + " are accepted";
        }
        long bytes = 0;
        for (var e : sources.entrySet()) {
            if (!FILE_NAME.matcher(e.getKey()).matches()) {
                return "'" + e.getKey() + "' is not a Java source file name like Main.java";
            }
            bytes += e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > limits.maxTotalBytes()) {
            return "the sources are " + bytes / 1024 + " KB; at most " + limits.maxTotalBytes() / 1024
                    + " KB are accepted";
        }
        return null;
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        closed = true;
        WorkerProcess w;
        while ((w = idle.pollFirst()) != null) {
            w.kill();
        }
        io.shutdownNow();
    }
}
