package dev.asyncgrader.compile;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * javac through {@code javax.tools}, in memory, annotation processing off: the compiling itself, run inside a
 * {@link CompileWorker} process so that a compile past its limit can be stopped by ending the process.
 */
final class Javac {
    private final JavaCompiler compiler;

    Javac() {
        this.compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler in this runtime (" + System.getProperty("java.home")
                    + "); run the grader with a JDK 21+ rather than a JRE, e.g. through ./grader.");
        }
    }

    CompileOutcome compile(Map<String, String> sources, int release, List<java.nio.file.Path> classpath)
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
                Integer.toString(SourceCompiler.MAX_DIAGNOSTICS * 5));
        boolean ok = compiler.getTask(new StringWriter(), output, diagnostics, options, null, units)
                .call();
        if (ok) {
            return new CompileOutcome.Compiled(Map.copyOf(output.classes), 0);
        }
        List<CompileDiagnostic> errors = new ArrayList<>();
        int omitted = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            if (errors.size() == SourceCompiler.MAX_DIAGNOSTICS) {
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
