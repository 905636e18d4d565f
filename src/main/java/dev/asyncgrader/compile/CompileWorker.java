package dev.asyncgrader.compile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiler process: a JVM of its own that compiles one request after another from its standard input and
 * answers on its standard output, staying warm between them. The grader ends it when a compile passes its time
 * limit ({@code javax.tools} ignores cancellation, so a thread could not be stopped) and starts another.
 *
 * <p>Protocol, all in {@link DataOutputStream} form: a request is the release, the sources (count, then name
 * and text as length-prefixed UTF-8) and the class path (count, then paths); an answer starts with {@link
 * #MAGIC} and a kind: {@code 0} compiled (count, then class name and bytes), {@code 1} failed (count, then
 * file, line, column and message; then the number omitted), {@code 2} javac itself failed (a message).
 */
public final class CompileWorker {
    static final int MAGIC = 0x6A617663; // "javc"

    static final int COMPILED = 0;
    static final int FAILED = 1;
    static final int BROKEN = 2;

    private CompileWorker() {}

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        // Nothing but answers may reach standard output.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        Javac javac = new Javac();
        javac.compile(Map.of("Warm.java", SourceCompiler.WARM_UP_SOURCE), 21, List.of());
        while (true) {
            int release;
            try {
                release = in.readInt();
            } catch (EOFException e) {
                return; // the grader closed the pipe: it is done with this process
            }
            Map<String, String> sources = new LinkedHashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                sources.put(readText(in), readText(in));
            }
            List<Path> classpath = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                classpath.add(Path.of(readText(in)));
            }
            out.writeInt(MAGIC);
            try {
                write(out, javac.compile(sources, release, classpath));
            } catch (Throwable t) { // javac's own failures, e.g. a StackOverflowError on pathological generics
                out.writeByte(BROKEN);
                writeText(out, t.toString());
            }
            out.flush();
        }
    }

    private static void write(DataOutputStream out, CompileOutcome outcome) throws IOException {
        switch (outcome) {
            case CompileOutcome.Compiled c -> {
                out.writeByte(COMPILED);
                out.writeInt(c.classes().size());
                for (var e : c.classes().entrySet()) {
                    writeText(out, e.getKey());
                    writeBytes(out, e.getValue());
                }
            }
            case CompileOutcome.Failed f -> {
                out.writeByte(FAILED);
                out.writeInt(f.diagnostics().size());
                for (CompileDiagnostic d : f.diagnostics()) {
                    writeText(out, d.file());
                    out.writeLong(d.line());
                    out.writeLong(d.column());
                    writeText(out, d.message());
                }
                out.writeInt(f.omitted());
            }
            case CompileOutcome.Rejected r -> throw new IllegalStateException("javac does not reject: " + r);
            case CompileOutcome.TimedOut t -> throw new IllegalStateException("javac does not time out: " + t);
        }
    }

    static void writeText(DataOutputStream out, String text) throws IOException {
        writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readText(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 64 << 20) {
            throw new IOException("a field of " + n + " bytes is not part of the protocol");
        }
        return in.readNBytes(n);
    }
}
