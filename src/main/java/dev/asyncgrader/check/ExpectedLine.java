package dev.asyncgrader.check;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One line a run is expected to print, resolved from a line group for that run's arguments.
 *
 * @param group the line group's name
 * @param index position within the group (the {@code each} order)
 * @param element the variables of this line's element (the {@code each} variable), for per-line expressions
 * @param text the literal line, or null when {@code pattern} is used
 * @param pattern a full-match pattern, or null when {@code text} is used
 */
public record ExpectedLine(String group, int index, Map<String, Object> element, String text, Pattern pattern) {

    public boolean matches(String line) {
        if (line == null) {
            return false;
        }
        return text != null
                ? text.equals(line.stripTrailing())
                : pattern.matcher(line.stripTrailing()).matches();
    }

    /** How the line is shown to a student: the text itself, or the pattern's shape in plain words. */
    public String shown() {
        return text != null ? text : humanize(pattern.pattern());
    }

    /** {@code Done in \d+\.\ds} becomes {@code Done in <number>s}: what a student can read. */
    static String humanize(String regex) {
        return regex.replace("\\Q", "")
                .replace("\\E", "")
                .replaceAll("-?\\\\d[+*](\\\\\\.\\\\d[+*]?)?(\\(\\\\\\.\\\\d[+*]\\)\\?)?", "<number>")
                .replaceAll("\\.[*+]\\??", "...")
                .replace("\\.", ".")
                .replace("\\s", " ")
                .replace("\\", "");
    }
}
