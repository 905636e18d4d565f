package dev.asyncgrader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.Sandboxes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A submission that keeps javac busy past compile.timeoutSeconds gets a compile-timeout verdict at the limit. */
class CompileTimeoutVerdictTest {
    @Test
    void sourceThatTakesJavacLong_getsCompileTimeout_atTheLimit() {
        Exercise exercise = ExerciseCatalog.loadOne(Path.of("src/test/resources/test-exercises/hello-wait"));
        try (SourceCompiler compiler =
                new SourceCompiler(new SourceCompiler.CompileLimits(20, 256 * 1024, Duration.ofSeconds(1)))) {
            compiler.warmUp();
            Grader grader = new Grader(
                    compiler,
                    JvmLauncher.ofCurrentJdk(Sandboxes.fromConfig(GraderConfig.DEFAULTS, System.err)),
                    StartGate.forThisMachine());
            String inner = "1";
            for (int i = 0; i < 10; i++) {
                inner = "id(b ? id(" + inner + ") : id(\"s\"))";
            }
            String main = "public class Main {\n  static boolean b;\n  static <T> T id(T t) { return t; }\n"
                    + "  public static void main(String[] args) { Object o = " + inner + "; }\n}\n";

            long start = System.nanoTime();
            GradeResult r = grader.grade(exercise, "student", Map.of("Main.java", main), GradingListener.NONE);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(GradeStatus.COMPILE_ERROR, r.status(), String.join("\n", r.feedback()));
            assertEquals(Messages.compileTimeout(), r.feedback().getFirst());
            assertTrue(millis < 3000, "graded in " + millis + " ms with a 1-s compile limit");
        }
    }
}
