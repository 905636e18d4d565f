package dev.asyncgrader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StarterCodeTest {
    @Test
    void solutionRegion_replacedByStarterLines() {
        String solution = String.join(
                "\n",
                "class Main {",
                "    static int f() {",
                "        // BEGIN SOLUTION",
                "        // STARTER: return 0;",
                "        return 42;",
                "        // END SOLUTION",
                "    }",
                "}");
        assertEquals(
                String.join("\n", "class Main {", "    static int f() {", "        return 0;", "    }", "}"),
                StarterCode.fromSolution(solution));
    }

    @Test
    void regionWithoutStarterLines_becomesTodo() {
        String starter = StarterCode.fromSolution("  // BEGIN SOLUTION\n  work();\n  // END SOLUTION\n");
        assertEquals("  // TODO: write your code here\n", starter);
    }

    @Test
    void unbalancedMarkers_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> StarterCode.fromSolution("// BEGIN SOLUTION\nx();\n"));
        assertThrows(IllegalArgumentException.class, () -> StarterCode.fromSolution("x();\n// END SOLUTION\n"));
    }
}
