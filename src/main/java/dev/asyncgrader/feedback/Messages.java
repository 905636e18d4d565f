package dev.asyncgrader.feedback;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Every sentence the grader itself says to a student, in one place. Check-specific feedback comes from
 * the exercise's own texts; these cover what no exercise author writes: statuses and unjudgeable checks.
 */
public final class Messages {
    private Messages() {}

    /** Seconds as a student reads them: one decimal, two below one second. */
    public static String seconds(double s) {
        return String.format(Locale.ROOT, Math.abs(s) < 1 ? "%.2f" : "%.1f", s);
    }

    public static String neverPrinted(String line) {
        return "Your program never printed \"" + line + "\", so this could not be checked.";
    }

    public static String printedNothing() {
        return "Your program printed nothing, so this could not be checked.";
    }

    public static String compileError(int count, String first) {
        return "Your code does not compile (" + count + (count == 1 ? " error" : " errors") + "). First: " + first;
    }

    public static String rejected(String reason) {
        return "Your submission was not graded: " + reason + ".";
    }

    public static String compileTimeout() {
        return "Compiling your code took too long; it was stopped.";
    }

    public static String timedOut(String run, double limitSeconds) {
        return "Your program was still running after " + seconds(limitSeconds) + " s" + onRun(run)
                + " and was stopped. Look for an endless loop, a task never completed, or threads that keep the program alive.";
    }

    public static String outputLimit(String run, String limit) {
        return "Your program printed more than " + limit + onRun(run)
                + " and was stopped. Look for a print inside an endless loop.";
    }

    public static String crashed(String run, int code, String lastError) {
        return "Your program ended with exit code " + code + onRun(run) + (lastError == null ? "." : ": " + lastError);
    }

    public static String limitExceeded(String run, String limit, int heapMb) {
        return switch (limit) {
            case "memory" ->
                "Your program used more memory than allowed (a " + heapMb + " MB heap plus a little)" + onRun(run)
                        + " and was stopped. Look for data that grows without end.";
            case "threads" ->
                "Your program tried to start more threads or processes than allowed" + onRun(run)
                        + ". Use a bounded pool or virtual threads instead of a new platform thread per task.";
            default -> "Your program exceeded the " + limit + " limit" + onRun(run) + " and was stopped.";
        };
    }

    public static String failedToStart(String reason) {
        return "Your program could not be started: " + reason;
    }

    public static String internalError(String what) {
        return "The grader failed while grading this submission (" + what
                + "); this is not your fault, please report it.";
    }

    public static String noFixtureLog() {
        return "The simulated service did not report, so this could not be checked.";
    }

    public static String testsNotRun() {
        return "The tests could not run against your code.";
    }

    public static String testsCutShort() {
        return "the tests did not finish: your code ended the program or stopped the tests before they reported";
    }

    public static String testsDoNotCompile(String diagnostic) {
        return "The tests could not call your code (" + diagnostic
                + "). Keep the method names and signatures of the starter code.";
    }

    public static String invalidTestReport(String why) {
        return "The hidden tests' report could not be trusted as a whole (" + why + "), so no hidden test counts.";
    }

    public static String notChecked() {
        return "Not checked on every run: an earlier run of your program had to be stopped.";
    }

    /** A check no run judged: a scratch run leaves out hidden runs and tests. */
    public static String notRunInScratch() {
        return "Not checked by Run: only Submit runs this check.";
    }

    /**
     * A check that failed on a hidden run, said without the run's arguments or output: the student learns
     * that the example is not the whole story and how large the failing input was.
     */
    public static String failedOnHiddenRun(String check, int argumentCount) {
        return "Check \"" + check + "\" failed on a hidden run with " + argumentCount
                + (argumentCount == 1 ? " argument" : " arguments")
                + ". Your program must work for any arguments the prompt allows, not only for the example.";
    }

    /** Hidden tests that failed, said without the test's inputs or the exception's message. */
    public static String failedHiddenTest(String check) {
        return "Check \"" + check + "\" failed in the hidden tests, which call your code with other inputs the"
                + " prompt allows. Try your methods with other values than the example.";
    }

    /** A crash on a hidden run, without its error output (which may quote the hidden arguments). */
    public static String crashedOnHiddenRun(String run, int code) {
        return "Your program ended with exit code " + code + onRun(run)
                + ", a hidden run with other arguments than the example. Check that it handles every input the"
                + " prompt allows.";
    }

    public static String allPassed() {
        return "All checks passed.";
    }

    public static String allThatRanPassed() {
        return "All checks that ran passed; the others run when you submit.";
    }

    /** On Gradescope, when checks on hidden runs or tests are shown only later (their visibility). */
    public static String hiddenChecksShownLater() {
        return "The checks on hidden runs and tests are shown when your instructor releases them.";
    }

    /** Where a failure happened, without revealing a hidden run's arguments. */
    public static String onRun(String run) {
        return run == null ? "" : " (run \"" + run + "\")";
    }

    /** A scratch run the student stopped with the Stop button. */
    public static String stoppedByStudent() {
        return "You stopped this run.";
    }

    /**
     * The short comment sent with a score to the student's LMS gradebook: the best score so far, and the most
     * important feedback of the submission that earned it.
     */
    public static String lmsScoreComment(double score, boolean best, double maxScore, @Nullable String firstFeedback) {
        String head = points(score) + " of " + points(maxScore) + " points ("
                + (best ? "your best submission so far" : "your latest submission") + ").";
        String text = firstFeedback == null ? head : head + " " + firstFeedback;
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }

    // The notebook kernel (package kernel).

    /** A notebook cell stopped by the Interrupt button. */
    public static String cellInterrupted() {
        return "The cell was interrupted.";
    }

    /** A notebook cell that did not stop when interrupted, so its JVM was replaced. */
    public static String cellJvmRestarted(long graceSeconds) {
        return "The cell did not stop within " + graceSeconds + " s of the interrupt, so its JVM was ended and a"
                + " fresh one started: the variables, methods and classes of earlier cells are gone.";
    }

    /** A notebook cell whose JVM ended by itself (System.exit, a memory or process limit). */
    public static String cellJvmEnded(int exitCode) {
        return "The cell's JVM ended (exit code " + exitCode + "), so a fresh one was started: the variables,"
                + " methods and classes of earlier cells are gone.";
    }

    /** A notebook magic the kernel does not know, or one used without its exercise id. */
    public static String unknownMagic(String line) {
        return "Unknown magic \"" + line + "\". Use %%grade ID or %%run ID (then your Main.java), %exercises or"
                + " %starter ID.";
    }

    /** A notebook magic naming an exercise that does not exist. */
    public static String unknownExercise(String id) {
        return "There is no exercise \"" + id + "\"; %exercises lists them.";
    }

    private static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
