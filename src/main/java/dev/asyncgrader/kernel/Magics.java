package dev.asyncgrader.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.exercise.ExerciseException;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.GradingListener;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.web.ResultViews;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The kernel's magics, which tie a notebook to the exercises: {@code %%grade ID} grades the rest of the cell as the
 * exercise's {@code Main.java} exactly as batch grading does and shows the student's view of the result;
 * {@code %%run ID} makes the example runs and streams their output with times; {@code %exercises} lists the
 * catalog; {@code %starter ID} puts the starter code in the next cell.
 */
final class Magics {
    /** Where a magic's output goes. */
    interface Cell {
        void stream(String name, String text);

        /** A {@code display_data} message with {@code data} (MIME type to content). */
        void display(ObjectNode data);

        /** An {@code execute_reply} payload, e.g. {@code set_next_input}. */
        void payload(ObjectNode payload);
    }

    private static final String STUDENT = "notebook";

    private final Path exercises;
    private final Supplier<Grader> grader;
    /** The reference solution's example runs, per exercise, for the timeline beside the student's. */
    private final Map<String, CompletableFuture<GradeResult>> references = new ConcurrentHashMap<>();

    Magics(Path exercises, Supplier<Grader> grader) {
        this.exercises = exercises;
        this.grader = grader;
    }

    /** Whether {@code code} is a magic: its first non-blank line starts with {@code %}. */
    static boolean isMagic(String code) {
        return code.stripLeading().startsWith("%");
    }

    /** A magic's cell is always complete: its body is a whole file, not a snippet. */
    static String completeness(String code) {
        return "complete";
    }

    CellOutcome run(String code, Cell cell) {
        String text = code.stripLeading();
        int eol = text.indexOf('\n');
        String first = (eol < 0 ? text : text.substring(0, eol)).strip();
        String body = eol < 0 ? "" : text.substring(eol + 1);
        String[] words = first.split("\\s+");
        String id = words.length > 1 ? words[1] : null;
        try {
            return switch (words[0]) {
                case "%exercises" -> exercises(cell);
                case "%starter" -> id == null ? unknown(first) : starter(exercise(id), cell);
                case "%%grade" -> id == null ? unknown(first) : grade(exercise(id), body, cell);
                case "%%run" -> id == null ? unknown(first) : run(exercise(id), body, cell);
                default -> unknown(first);
            };
        } catch (ExerciseException e) {
            return new CellOutcome.Failed("UnknownExercise", Messages.unknownExercise(id), List.of(e.getMessage()));
        }
    }

    private static CellOutcome unknown(String line) {
        String text = Messages.unknownMagic(line);
        return new CellOutcome.Failed("UnknownMagic", text, List.of(text));
    }

    private Exercise exercise(String id) {
        return ExerciseCatalog.load(exercises).get(id);
    }

    private CellOutcome exercises(Cell cell) {
        StringBuilder markdown = new StringBuilder("| exercise | points | title |\n|---|---|---|\n");
        StringBuilder plain = new StringBuilder();
        for (Exercise e : ExerciseCatalog.load(exercises).all()) {
            markdown.append(
                    String.format(Locale.ROOT, "| `%s` | %s | %s |%n", e.id(), points(e.maxPoints()), e.title()));
            plain.append(String.format(Locale.ROOT, "%-22s %5s  %s%n", e.id(), points(e.maxPoints()), e.title()));
        }
        ObjectNode data = KernelMessage.JSON.createObjectNode();
        data.put("text/markdown", markdown.toString());
        data.put("text/plain", plain.toString());
        cell.display(data);
        return new CellOutcome.Completed(null);
    }

    private static CellOutcome starter(Exercise exercise, Cell cell) {
        String file = exercise.entryPoint() + ".java";
        String starter = exercise.starterFiles().getOrDefault(file, "");
        ObjectNode payload = KernelMessage.JSON.createObjectNode();
        payload.put("source", "set_next_input");
        payload.put("text", "%%grade " + exercise.id() + "\n" + starter);
        payload.put("replace", false);
        cell.payload(payload);
        return new CellOutcome.Completed(null);
    }

    private CellOutcome grade(Exercise exercise, String body, Cell cell) {
        Grader g = grader.get();
        CompletableFuture<GradeResult> reference = exercise.timeline() == null ? null : reference(exercise, g);
        GradeResult result = g.grade(exercise, STUDENT, files(exercise, body), GradingListener.NONE);
        if (Thread.currentThread().isInterrupted()) {
            return new CellOutcome.Interrupted(false); // its runs were ended; the result would only say so
        }
        JsonNode view = ResultViews.forStudent(KernelMessage.JSON.valueToTree(result));
        ObjectNode data = KernelMessage.JSON.createObjectNode();
        data.put("text/markdown", GradeReport.markdown(exercise, view));
        data.put("text/plain", GradeReport.plain(view));
        if (reference != null) {
            GradeResult referenceResult;
            try {
                referenceResult = reference.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CellOutcome.Interrupted(false);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("grading the reference solution failed", e.getCause());
            }
            JsonNode referenceView = ResultViews.forStudent(KernelMessage.JSON.valueToTree(referenceResult));
            String svg = TimelineSvg.render(firstVisibleRun(view), firstVisibleRun(referenceView));
            if (svg != null) {
                data.put("image/svg+xml", svg);
            }
        }
        cell.display(data);
        return new CellOutcome.Completed(null);
    }

    private CompletableFuture<GradeResult> reference(Exercise exercise, Grader g) {
        return references.computeIfAbsent(
                exercise.id(),
                id -> CompletableFuture.supplyAsync(
                        () -> g.grade(exercise, "reference", exercise.solution(), GradingListener.NONE, true)));
    }

    private static JsonNode firstVisibleRun(JsonNode view) {
        for (JsonNode run : view.path("runs")) {
            if (!run.path("hidden").asBoolean(true)) {
                return run;
            }
        }
        return null;
    }

    /** The example runs only, each line streamed with its time since the run's first line. */
    private CellOutcome run(Exercise exercise, String body, Cell cell) {
        Map<String, Long> firstLine = new ConcurrentHashMap<>();
        GradingListener listener = new GradingListener() {
            @Override
            public void line(String run, OutputLine line) {
                long first = firstLine.computeIfAbsent(run, r -> line.nanos());
                cell.stream(
                        line.stream() == OutputLine.Stream.STDERR ? "stderr" : "stdout",
                        String.format(
                                Locale.ROOT, "[%s %6.2f s] %s%n", run, (line.nanos() - first) / 1e9, line.text()));
            }
        };
        GradeResult result = grader.get().grade(exercise, STUDENT, files(exercise, body), listener, true);
        if (Thread.currentThread().isInterrupted()) {
            return new CellOutcome.Interrupted(false);
        }
        JsonNode view = ResultViews.forStudent(KernelMessage.JSON.valueToTree(result));
        cell.stream("stdout", GradeReport.runSummary(view));
        return new CellOutcome.Completed(null);
    }

    private static Map<String, String> files(Exercise exercise, String body) {
        return Map.of(exercise.entryPoint() + ".java", body);
    }

    static String points(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.1f", p);
    }
}
