package dev.asyncgrader.grading;

/**
 * How far a grading is, told to the listener as steps finish: "run 2 of 4" while runs are left (the hidden tests
 * are one step), "testing" when only the hidden tests are. Steps finish on their own threads.
 */
final class Progress {
    private final int runs;
    private final boolean testsDue;
    private final GradingListener listener;
    private int runsDone;
    private boolean testsDone;

    /** Announces the first step at once. */
    Progress(RunPlan plan, GradingListener listener) {
        this.runs = plan.runs().size();
        this.testsDue = plan.testsDue();
        this.listener = listener;
        announce();
    }

    GradingListener listener() {
        return listener;
    }

    synchronized void runFinished() {
        runsDone++;
        announce();
    }

    synchronized void testsFinished() {
        testsDone = true;
        announce();
    }

    private void announce() {
        int steps = runs + (testsDue ? 1 : 0);
        int done = runsDone + (testsDone ? 1 : 0);
        if (runsDone < runs) {
            listener.phase(Phase.RUNNING, done + 1, steps);
        } else if (testsDue && !testsDone) {
            listener.phase(Phase.TESTING, steps, steps);
        }
    }
}
