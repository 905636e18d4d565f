import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * One call of a static method of the student's program, for hidden tests that test methods rather than the
 * command line: the grader starts the program in its sandbox (a fresh JVM per call), passes the arguments as
 * data, and hands back the method's result as data with the time the call took, measured by the grader's clock.
 * Arguments and results may be numbers, strings, booleans, null and lists (or arrays) of them; a result comes
 * back as {@code Long} or {@code Double} for numbers, {@code String}, {@code Boolean} or {@code List}. The tests
 * never load the student's classes.
 *
 * @param method the method called
 * @param value what it returned (see above), or null
 * @param threw what it threw ({@code class: message}), or null
 * @param seconds how long the call took, on the grader's clock
 */
public record ProgramCall(String method, Object value, String threw, double seconds) {

    /**
     * Calls {@code method} with {@code args}, giving it at most {@code limit} seconds; fails the test if the
     * program did not answer (it crashed, answered twice, or ran out of time).
     */
    public static ProgramCall of(String method, double limit, Object... args) {
        List<Object> arguments = new ArrayList<>();
        for (Object a : args) {
            arguments.add(a);
        }
        Object[] answer = ProgramRun.channel().apply("call", List.of(method, arguments, limit));
        String kind = (String) answer[0];
        if (kind.equals("NONE")) {
            fail(method + "(...) gave no answer: " + answer[3]);
        }
        double seconds = (Double) answer[2];
        return kind.equals("RESULT")
                ? new ProgramCall(method, answer[1], null, seconds)
                : new ProgramCall(method, null, (String) answer[1], seconds);
    }

    /** The result as a list of texts (numbers written as Java writes them), failing if the call threw. */
    public List<String> texts() {
        if (threw != null) {
            fail(method + "(...) threw " + threw);
        }
        if (!(value instanceof List<?> list)) {
            fail(method + "(...) returned " + value + ", not a list");
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }
}
