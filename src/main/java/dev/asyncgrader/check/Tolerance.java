package dev.asyncgrader.check;

/**
 * The accepted time window around an expected time, derived from the expected durations rather than
 * from any observed run.
 *
 * <p>A line may come up to {@code max(0.15 s, 10 %)} early and {@code max(0.5 s, 25 %)} late. When the
 * time a wrong solution would show is known, the bound on its side is the midpoint between the right and
 * the wrong time: a correct solution stretched by load stays on its side, a wrong one never crosses.
 */
public record Tolerance(double low, double high) {

    public static Tolerance around(double expected, Double wrong) {
        double low = expected - Math.max(0.15, 0.10 * expected);
        double high = expected + Math.max(0.5, 0.25 * expected);
        if (wrong != null && wrong > expected) {
            high = (expected + wrong) / 2;
        } else if (wrong != null && wrong < expected) {
            low = (expected + wrong) / 2;
        }
        return new Tolerance(low, high);
    }

    /**
     * The window for a time the fixture measured from its own side. Its start stamp lags when its process is
     * slow to take the request under load, which shortens the interval, so the early side is as generous as
     * the late one; coming late or never is what tells a wrong solution.
     */
    public static Tolerance forServiceLog(double expected, Double wrong) {
        Tolerance t = around(expected, wrong);
        return new Tolerance(Math.min(t.low(), expected - Math.max(0.5, 0.25 * expected)), t.high());
    }

    public boolean contains(double seconds) {
        return seconds >= low && seconds <= high;
    }

    /** Distance between the expected time and the wrong one's: authors are warned when it is small. */
    public static double margin(double expected, Double wrong) {
        return wrong == null ? Double.POSITIVE_INFINITY : Math.abs(wrong - expected) / 2;
    }
}
