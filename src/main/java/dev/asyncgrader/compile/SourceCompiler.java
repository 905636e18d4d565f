package dev.asyncgrader.compile;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The in-process Java compiler: compiles a submission's sources in memory with {@code javax.tools},
 * annotation processing off, under a size limit and a time limit. One instance is shared and kept warm.
 */
public final class SourceCompiler implements AutoCloseable {
    /** How many diagnostics a result keeps; the rest are only counted, like a parser's error list. */
    public static final int MAX_DIAGNOSTICS = 20;

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");

    private final JavaCompiler compiler;
    private final CompileLimits limits;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "javac");
        t.setDaemon(true);
        return t;
    });

    /** Size and time limits for one compilation. */
    public record CompileLimits(int maxFiles, int maxTotalBytes, Duration timeLimit) {
        public static final CompileLimits DEFAULT = new CompileLimits(20, 256 * 1024, Duration.ofSeconds(20));
    }

    public SourceCompiler(CompileLimits limits) {
        this.compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler in this runtime (" + System.getProperty("java.home")
                    + "); run the grader with a JDK 21+ rather than a JRE, e.g. through ./grader.");
        }
        this.limits = limits;
    }

    /** Compiles a trivial class so the first real submission does not pay javac's class loading. */
    public void warmUp() {
        compile(Map.of("Warm.java", "class Warm { Runnable r = () -> System.out.println(java.util.List.of(1)); }"), 21);
    }

    /** Compiles {@code sources} (file name to content) for {@code --release release}. */
    public CompileOutcome compile(Map<String, String> sources, int release) {
        return compile(sources, release, List.of());
    }

    /** Compiles {@code sources} against {@code classpath} (folders and jars) for {@code --release release}. */
    public CompileOutcome compile(Map<String, String> sources, int release, List<java.nio.file.Path> classpath) {
        String refusal = refusal(sources);
        if (refusal != null) {
            return new CompileOutcome.Rejected(refusal);
        }
        long start = System.nanoTime();
        Future<CompileOutcome> task = threads.submit(() -> compileNow(sources, release, classpath, start));
        try {
            return task.get(limits.timeLimit().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            return new CompileOutcome.TimedOut(limits.timeLimit().toMillis());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return new CompileOutcome.TimedOut(elapsedMillis(start));
        } catch (ExecutionException e) {
            throw new IllegalStateException("javac failed internally", e.getCause());
        }
    }

    private String refusal(Map<String, String> sources) {
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

    private CompileOutcome compileNow(
            Map<String, String> sources, int release, List<java.nio.file.Path> classpath, long start)
            throws java.io.IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SourceFile(name, text)));
        StandardJavaFileManager standard =
                compiler.getStandardFileManager(diagnostics, Locale.ENGLISH, StandardCharsets.UTF_8);
        standard.setLocationFromPaths(javax.tools.StandardLocation.CLASS_PATH, classpath);
        InMemoryClasses output = new InMemoryClasses(standard);
        List<String> options = List.of(
                "--release",
                Integer.toString(release),
                "-proc:none",
                "-implicit:none",
                "-encoding",
                "UTF-8",
                "-Xlint:none",
                "-Xmaxerrs",
                Integer.toString(MAX_DIAGNOSTICS * 5));
        boolean ok = compiler.getTask(new StringWriter(), output, diagnostics, options, null, units)
                .call();
        if (ok) {
            return new CompileOutcome.Compiled(Map.copyOf(output.classes), elapsedMillis(start));
        }
        List<CompileDiagnostic> errors = new ArrayList<>();
        int omitted = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            if (errors.size() == MAX_DIAGNOSTICS) {
                omitted++;
                continue;
            }
            String file = d.getSource() == null ? "" : ((SourceFile) d.getSource()).fileName;
            errors.add(new CompileDiagnostic(
                    file,
                    Math.max(0, d.getLineNumber()),
                    Math.max(0, d.getColumnNumber()),
                    d.getMessage(Locale.ENGLISH)));
        }
        return new CompileOutcome.Failed(List.copyOf(errors), omitted);
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** A source held in memory under its plain file name. */
    private static final class SourceFile extends SimpleJavaFileObject {
        final String fileName;
        private final String text;

        SourceFile(String fileName, String text) {
            super(URI.create("string:///" + fileName), Kind.SOURCE);
            this.fileName = fileName;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Keeps class files in memory instead of writing them to disk. */
    private static final class InMemoryClasses extends ForwardingJavaFileManager<StandardJavaFileManager> {
        final Map<String, byte[]> classes = new ConcurrentHashMap<>();

        InMemoryClasses(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(
                    URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
