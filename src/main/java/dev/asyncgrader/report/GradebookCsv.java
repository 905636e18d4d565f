package dev.asyncgrader.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A gradebook as CSV in one of the {@link CsvLayout}s: UTF-8 with a byte-order mark (so spreadsheet programs and LMS
 * imports read accents right), CRLF line ends, and no cell a spreadsheet would run as a formula.
 */
public final class GradebookCsv {
    private GradebookCsv() {}

    /** One graded exercise: a column. */
    public record Column(String id, String title, double maxPoints) {}

    /** One student's scores, one per column; null where the student has no score. */
    public record Row(String student, List<Double> scores) {}

    /** The CSV of {@code rows} over {@code columns} in {@code layout}. */
    public static String render(CsvLayout layout, List<Column> columns, List<Row> rows) {
        StringBuilder out = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>();
        switch (layout) {
            case GENERIC -> {
                header.add("student");
                columns.forEach(c -> header.add(c.id()));
            }
            case CANVAS -> {
                header.addAll(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section"));
                // A title Canvas does not know makes a new assignment; the id keeps two exercises of one title apart.
                columns.forEach(c -> header.add(c.title() + " (" + c.id() + ")"));
            }
            case MOODLE -> {
                header.add("Username");
                columns.forEach(c -> header.add(c.title()));
            }
        }
        row(out, header);
        if (layout == CsvLayout.CANVAS) {
            List<String> points = new ArrayList<>(List.of("Points Possible", "", "", "", ""));
            columns.forEach(c -> points.add(number(c.maxPoints())));
            row(out, points);
        }
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            switch (layout) {
                case GENERIC, MOODLE -> cells.add(r.student());
                case CANVAS -> cells.addAll(List.of(r.student(), "", "", r.student(), ""));
            }
            for (Double s : r.scores()) {
                cells.add(s == null ? "" : number(s));
            }
            row(out, cells);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** A score without needless decimals: {@code 14}, {@code 7.50}. */
    public static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /** A CSV field, quoted where needed; a text starting like a formula is prefixed so it stays text. */
    public static String field(String field) {
        String f = field;
        if (!f.isEmpty() && "=+-@\t\r".indexOf(f.charAt(0)) >= 0 && !f.matches("-?\\d+(\\.\\d+)?")) {
            f = "'" + f;
        }
        boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
        return quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f;
    }
}
