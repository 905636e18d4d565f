package dev.asyncgrader.check;

import java.util.List;

/**
 * One kind of check, self-contained: its YAML shape (how a declaration is read), how a check of this kind is judged
 * on a run, the names of the values its feedback template may use, and its rehearsal when an exercise loads. A new
 * kind is a record in {@link Check}, a class implementing this, and its entry in {@link CheckEvaluator}, the
 * registry (in its list of kinds and in its switch binding records to kinds).
 */
interface CheckKind<C extends Check> {

    /** The kind's name in an exercise's YAML ({@code kind: lines}). */
    String name();

    /** Reads a check of this kind from its declaration: its own fields first, then the common ones. */
    C read(CheckShape shape);

    /** The names the feedback may use besides {@code run} and the run's arguments; a failure's values name them. */
    List<String> feedbackValues();

    /** Judges {@code check} on one run's evidence. */
    CheckOutcome evaluate(C check, RunEvidence run);

    /**
     * Evaluates the check's expressions on one run's arguments, throwing if one fails, and returns warnings about
     * narrow timing margins; most kinds have nothing to rehearse.
     */
    default List<String> rehearse(C check, Rehearsal r) {
        return List.of();
    }

    /** Whether the kind judges a simulated service's log, so its exercise must declare a fixture. */
    default boolean needsFixture() {
        return false;
    }
}
