package dev.asyncgrader.kernel.agent;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.LocalExecutionControlProvider;

/**
 * The notebook kernel's agent: the program the kernel starts in the sandbox, which keeps one JShell session and
 * evaluates cells in it. It runs snippets in its own JVM (which is the sandboxed one), so state persists from cell
 * to cell and nothing of the student's runs in the kernel's process.
 *
 * <p>Requests come one per line on standard input, answers go one frame per line on standard output: a tag, then
 * tab-separated fields with backslash, tab and line breaks escaped. What a cell prints is framed line by line as it
 * is printed (never per cell), so the kernel can publish it with the time it was printed. Only JDK classes are used:
 * the sandbox's class path holds this class and nothing else of the grader.
 */
public final class EvaluationAgent {
    /** Requests: evaluate a cell, complete at a position, judge whether a cell is complete, stop the running cell. */
    public static final String EVAL = "eval",
            COMPLETE = "complete",
            IS_COMPLETE = "is-complete",
            INSPECT = "inspect",
            STOP = "stop";

    /** Answers: ready, a line of stdout or stderr, a value, an error, a cell's end, completions, completeness. */
    public static final String READY = "ready",
            OUT = "out",
            ERR = "err",
            VALUE = "value",
            ERROR = "error",
            DONE = "done",
            COMPLETIONS = "completions",
            COMPLETENESS = "completeness",
            DOCUMENTATION = "documentation";

    private final PrintStream protocol;
    private final JShell shell;
    private final List<LineFramer> streams;
    private volatile boolean stopRequested;

    private EvaluationAgent(PrintStream protocol, JShell shell, List<LineFramer> streams) {
        this.protocol = protocol;
        this.shell = shell;
        this.streams = streams;
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        // The cells' own streams: framed per line; standard input is empty, so a cell cannot eat requests.
        LineFramer out = new LineFramer(protocol, OUT);
        LineFramer err = new LineFramer(protocol, ERR);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        JShell shell = JShell.builder()
                .executionEngine(new LocalExecutionControlProvider(), Map.of())
                .out(System.out)
                .err(System.err)
                .in(new ByteArrayInputStream(new byte[0]))
                .build();
        EvaluationAgent agent = new EvaluationAgent(protocol, shell, List.of(out, err));
        BlockingQueue<List<String>> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try {
                        String line;
                        while ((line = requests.readLine()) != null) {
                            List<String> request = unframe(line);
                            if (request.getFirst().equals(STOP)) {
                                agent.stop();
                            } else {
                                queue.put(request);
                            }
                        }
                    } catch (Exception e) {
                        // The kernel is gone: so is this session.
                    }
                    Runtime.getRuntime().halt(0);
                },
                "requests");
        reader.setDaemon(true);
        reader.start();
        // Compile something once, so that the first cell does not wait for the compiler to warm up.
        shell.eval("int $warmUp = 0;");
        agent.send(READY);
        while (true) {
            agent.handle(queue.take());
        }
    }

    private void stop() {
        stopRequested = true;
        shell.stop();
    }

    private void handle(List<String> request) {
        String code = request.getLast();
        switch (request.getFirst()) {
            case EVAL -> evaluate(code);
            case COMPLETE -> complete(code, Integer.parseInt(request.get(1)));
            case IS_COMPLETE -> send(COMPLETENESS, completeness(code));
            case INSPECT -> send(DOCUMENTATION, documentation(code, Integer.parseInt(request.get(1))));
            default -> send(ERROR, "ProtocolError", "unknown request " + request.getFirst(), "");
        }
    }

    /** Evaluates each snippet of {@code cell} in turn, stopping at the first error; ends with a {@code done} frame. */
    private void evaluate(String cell) {
        stopRequested = false;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = cell;
        String value = null;
        String outcome = "ok";
        while (!remaining.isBlank() && outcome.equals("ok")) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            String source = info.source() != null ? info.source() : remaining;
            remaining = info.source() != null ? info.remaining() : "";
            if (!info.completeness().isComplete()) {
                send(ERROR, "CompilationError", "the cell ends inside an unfinished snippet", source.strip());
                outcome = "error";
                break;
            }
            value = null;
            for (SnippetEvent event : shell.eval(source)) {
                if (event.causeSnippet() != null) {
                    continue; // an update of an earlier snippet, not this one's own result
                }
                outcome = report(event);
                if (!outcome.equals("ok")) {
                    break;
                }
                value = valueOf(event);
            }
            if (stopRequested) {
                outcome = "stopped";
            }
        }
        flushStreams();
        if (outcome.equals("ok") && value != null) {
            send(VALUE, value);
        }
        send(DONE, outcome);
    }

    /** Sends the error of {@code event}, if it has one; says "ok", "error" or "stopped". */
    private String report(SnippetEvent event) {
        Snippet snippet = event.snippet();
        if (event.status() == Snippet.Status.REJECTED) {
            List<String> lines = new ArrayList<>();
            String first = null;
            for (Diag d : shell.diagnostics(snippet).toList()) {
                String message = d.getMessage(java.util.Locale.ROOT);
                if (first == null) {
                    first = message;
                }
                lines.add(message);
                lines.addAll(pointAt(snippet.source(), d));
            }
            send(
                    ERROR,
                    "CompilationError",
                    first != null ? first : "the snippet was rejected",
                    String.join("\n", lines));
            return "error";
        }
        if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED
                || event.status() == Snippet.Status.RECOVERABLE_DEFINED) {
            // Declared, but refers to something not declared yet: what jshell says, as an error.
            String missing = String.join(
                    ", ",
                    shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet)
                            .toList());
            send(
                    ERROR,
                    "CompilationError",
                    "cannot find symbol " + missing,
                    snippet.source().strip());
            return "error";
        }
        JShellException thrown = event.exception();
        if (thrown == null) {
            return "ok";
        }
        if (stopRequested) {
            return "stopped";
        }
        String ename = thrown instanceof EvalException e
                ? e.getExceptionClassName()
                : thrown instanceof UnresolvedReferenceException
                        ? "UnresolvedReference"
                        : thrown.getClass().getName();
        String evalue = thrown.getMessage() == null ? "" : thrown.getMessage();
        StringBuilder trace = new StringBuilder(ename).append(evalue.isEmpty() ? "" : ": " + evalue);
        for (StackTraceElement frame : thrown.getStackTrace()) {
            trace.append("\n\tat ").append(frame);
        }
        Throwable cause = thrown.getCause();
        while (cause != null) {
            String name = cause instanceof EvalException e
                    ? e.getExceptionClassName()
                    : cause.getClass().getName();
            trace.append("\nCaused by: ").append(name).append(": ").append(cause.getMessage());
            cause = cause.getCause();
        }
        send(ERROR, ename, evalue, trace.toString());
        return "error";
    }

    /** The source line of a diagnostic and a caret under its position. */
    private static List<String> pointAt(String source, Diag d) {
        long at = d.getPosition();
        if (at < 0 || at > source.length()) {
            return List.of();
        }
        int start = source.lastIndexOf('\n', (int) Math.max(0, at - 1)) + 1;
        if (at == 0) {
            start = 0;
        }
        int end = source.indexOf('\n', (int) at);
        String line = source.substring(start, end < 0 ? source.length() : end);
        return List.of("    " + line, "    " + " ".repeat((int) at - start) + "^");
    }

    /** The value to show for {@code event}: an expression's, not a declaration's or a void call's. */
    private static String valueOf(SnippetEvent event) {
        Snippet snippet = event.snippet();
        boolean expression = snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        if (!expression || event.value() == null) {
            return null;
        }
        if (snippet instanceof VarSnippet v && v.typeName().equals("void")) {
            return null;
        }
        if (snippet instanceof jdk.jshell.ExpressionSnippet e && e.typeName().equals("void")) {
            return null;
        }
        return event.value();
    }

    private void complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<String> fields = new ArrayList<>();
        List<SourceCodeAnalysis.Suggestion> found =
                shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
        fields.add(Integer.toString(anchor[0]));
        for (SourceCodeAnalysis.Suggestion s : found) {
            if (!fields.contains(s.continuation())) {
                fields.add(s.continuation());
            }
        }
        send(COMPLETIONS, fields.toArray(String[]::new));
    }

    /**
     * The signatures of what is named at {@code cursor} (no Javadoc: the sandbox has no JDK sources), one a line. A
     * method's name alone is documented as if its call had begun: JShell documents calls, not names.
     */
    private String documentation(String code, int cursor) {
        List<String> found = signatures(code, cursor);
        if (found.isEmpty()) {
            found = signatures(code.substring(0, cursor) + "(", cursor + 1);
        }
        return String.join("\n", found);
    }

    private List<String> signatures(String code, int cursor) {
        return shell.sourceCodeAnalysis().documentation(code, cursor, false).stream()
                .map(SourceCodeAnalysis.Documentation::signature)
                .toList();
    }

    /** Jupyter's answer for {@code code}: "complete", "incomplete" or "invalid". */
    private String completeness(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> remaining = info.remaining();
                case EMPTY -> remaining = "";
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return "incomplete";
                }
                case UNKNOWN -> {
                    return "invalid";
                }
            }
        }
        return "complete";
    }

    /** Sends what the cell printed without a line break at the end, so the cell's output ends before its end. */
    private void flushStreams() {
        System.out.flush();
        System.err.flush();
        streams.forEach(LineFramer::emit);
    }

    private void send(String tag, String... fields) {
        synchronized (protocol) {
            protocol.print(frame(tag, fields));
            protocol.print('\n');
            protocol.flush();
        }
    }

    /** One line: the tag and the fields, tab-separated, each escaped. */
    public static String frame(String tag, String... fields) {
        StringBuilder out = new StringBuilder(tag);
        for (String f : fields) {
            out.append('\t');
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** The tag and fields of a line made by {@link #frame}. */
    public static List<String> unframe(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                f.append(
                        switch (n) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> n;
                        });
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString());
        return fields;
    }

    /** A cell's stdout or stderr: each complete line becomes one frame the moment it is printed. */
    static final class LineFramer extends OutputStream {
        private final PrintStream protocol;
        private final String tag;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineFramer(PrintStream protocol, String tag) {
            this.protocol = protocol;
            this.tag = tag;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        synchronized void emit() {
            if (pending.size() == 0) {
                return;
            }
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            synchronized (protocol) {
                protocol.print(frame(tag, text));
                protocol.print('\n');
                protocol.flush();
            }
        }
    }
}
