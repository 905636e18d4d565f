import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

// Calls the student's gather(...) through the grader's call channel: a sandboxed run per call, arguments and
// result as data, the time taken by the grader.
class GatherTest {
    private final Random random = new Random();

    private List<Integer> randomNumbers() {
        List<Integer> ns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ns.add(1 + random.nextInt(6));
        }
        return ns;
    }

    @Test
    void keepsInputOrder() {
        List<Integer> ns = randomNumbers();
        List<String> expected = ns.stream().map(n -> Integer.toString(n * 10)).toList();
        assertEquals(expected, ProgramCall.of("gather", 2.5, ns, -1).texts(), "for " + ns);
    }

    @Test
    void failuresBecomeValues() {
        List<Integer> ns = randomNumbers();
        int fail = ns.get(random.nextInt(ns.size()));
        List<String> expected = ns.stream()
                .map(n -> n == fail ? "failed: " + n : Integer.toString(n * 10))
                .toList();
        assertEquals(expected, ProgramCall.of("gather", 2.5, ns, fail).texts(), "for " + ns + " failing on " + fail);
    }

    @Test
    void runsConcurrently() {
        List<Integer> ns = List.of(6, 6, 6, 6);
        ProgramCall call = ProgramCall.of("gather", 2.5, ns, -1);
        assertEquals(List.of("60", "60", "60", "60"), call.texts());
        double seconds = call.seconds(); // on the grader's clock
        // One task waits 0.6 s; all four one after another take 2.4 s.
        assertTrue(seconds < 1.5, "took " + seconds + " s");
    }
}
