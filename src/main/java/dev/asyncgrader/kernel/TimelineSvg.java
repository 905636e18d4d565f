package dev.asyncgrader.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The timeline picture of a graded cell as SVG, drawn on the server the way the browser page draws it
 * ({@code src/main/frontend/src/timeline.js}): each task of the student's run and of the reference solution's as a
 * bar from its start line to its end line on one time axis; a run without task bars shows its lines as ticks.
 */
final class TimelineSvg {
    private static final int WIDTH = 880, LABEL_W = 132, RIGHT_PAD = 64, ROW_H = 20, ROW_GAP = 7;
    private static final int GROUP_HEAD = 26, GROUP_GAP = 18, AXIS_H = 26;
    private static final String STUDENT = "#2f6fde", REFERENCE = "#8a8f98";

    private TimelineSvg() {}

    /** One run in the picture, with its heading and colour. */
    private record Group(String title, String color, JsonNode run) {}

    /** The picture of the two runs (student-view run reports), or null if neither has anything to draw. */
    static String render(JsonNode student, JsonNode reference) {
        List<Group> groups = new ArrayList<>();
        if (student != null) {
            groups.add(new Group("Your program", STUDENT, student));
        }
        if (reference != null) {
            groups.add(new Group("Reference solution", REFERENCE, reference));
        }
        if (groups.isEmpty()) {
            return null;
        }
        double total = 1000;
        for (Group g : groups) {
            total = Math.max(total, span(g.run()));
        }
        total *= 1.04;
        long step = niceStep(total);
        double axisEnd = Math.ceil(total / step) * step;
        double plotW = WIDTH - LABEL_W - RIGHT_PAD;
        java.util.function.DoubleUnaryOperator x = ms -> LABEL_W + (Math.max(0, ms) / axisEnd) * plotW;

        StringBuilder body = new StringBuilder();
        double y = 4;
        for (Group g : groups) {
            JsonNode run = g.run();
            String color = g.color();
            double span = span(run);
            body.append(text(0, y + 15, "start", "font-weight:bold", g.title() + "  " + seconds(span)));
            y += GROUP_HEAD;
            double top = y;
            JsonNode tasks = run.path("tasks");
            if (!tasks.isEmpty()) {
                for (JsonNode task : tasks) {
                    boolean open = !task.path("endMs").isNumber();
                    double start = task.path("startMs").asDouble();
                    double end = open ? span : task.path("endMs").asDouble();
                    double x0 = x.applyAsDouble(start);
                    double w = Math.max(3, x.applyAsDouble(end) - x0);
                    String label = task.path("label").asText();
                    body.append(text(LABEL_W - 10, y + ROW_H / 2.0 + 4, "end", "", label));
                    body.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"4\" fill=\"%s\"%s><title>%s</title></rect>%n",
                            x0,
                            y,
                            w,
                            ROW_H,
                            color,
                            open ? " fill-opacity=\"0.4\"" : "",
                            escape(label + ": " + seconds(start) + " to " + (open ? "never finished" : seconds(end)))));
                    body.append(text(
                            x0 + w + 6,
                            y + ROW_H / 2.0 + 4,
                            "start",
                            "",
                            open ? "never finished" : seconds(end - start)));
                    y += ROW_H + ROW_GAP;
                }
            } else {
                body.append(text(LABEL_W - 10, y + ROW_H / 2.0 + 4, "end", "", "output"));
                body.append(line(x.applyAsDouble(0), x.applyAsDouble(span), y + ROW_H / 2.0, y + ROW_H / 2.0, "#ccc"));
                for (JsonNode l : run.path("lines")) {
                    double at = x.applyAsDouble(l.path("t").asDouble());
                    body.append(line(
                            at,
                            at,
                            y + 2,
                            y + ROW_H - 2,
                            l.path("stream").asText().equals("err") ? "#c0392b" : color));
                }
                y += ROW_H + ROW_GAP;
            }
            double end = x.applyAsDouble(span);
            body.append(line(end, end, top - 4, y - ROW_GAP + 4, "#555"));
            y += GROUP_GAP;
        }
        y -= GROUP_GAP;
        StringBuilder axis = new StringBuilder();
        axis.append(line(x.applyAsDouble(0), x.applyAsDouble(axisEnd), y + 4, y + 4, "#555"));
        for (long ms = 0; ms <= axisEnd + 1; ms += step) {
            double at = x.applyAsDouble(ms);
            axis.append(line(at, at, y + 4, y + 8, "#555"));
            axis.append(text(at, y + 21, "middle", "", axisLabel(ms)));
        }
        double height = y + AXIS_H;
        return String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %.0f\" width=\"%d\" height=\"%.0f\""
                                + " font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"%s\">%n",
                        WIDTH,
                        height,
                        WIDTH,
                        height,
                        "Timeline of tasks: your program and the reference solution")
                + axis
                + body
                + "</svg>\n";
    }

    /** How long a run lasted as far as the picture is concerned (ms). */
    static double span(JsonNode run) {
        double end = run.path("durationMs").asDouble();
        for (JsonNode t : run.path("tasks")) {
            end = Math.max(
                    end,
                    t.path("endMs").isNumber()
                            ? t.path("endMs").asDouble()
                            : t.path("startMs").asDouble());
        }
        for (JsonNode l : run.path("lines")) {
            end = Math.max(end, l.path("t").asDouble());
        }
        return end;
    }

    private static long niceStep(double totalMs) {
        for (long st : new long[] {100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 15000, 30000, 60000}) {
            if (totalMs / st <= 10) {
                return st;
            }
        }
        return 120000;
    }

    private static String axisLabel(long ms) {
        int decimals = ms % 1000 == 0 ? 0 : ms % 100 == 0 ? 1 : 2;
        return String.format(Locale.ROOT, "%." + decimals + "f s", ms / 1000.0);
    }

    private static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    private static String text(double x, double y, String anchor, String style, String content) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n",
                x,
                y,
                anchor,
                style.isEmpty() ? "" : " style=\"" + style + "\"",
                escape(content));
    }

    private static String line(double x1, double x2, double y1, double y2, String color) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1,
                x2,
                y1,
                y2,
                color);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
