package dev.asyncgrader.exercise;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws random words for a {@code word} domain from its regex. Only a small regex language is supported,
 * enough for names: literal characters, escapes such as {@code \.} and {@code \d}, character classes like
 * {@code [A-Za-z0-9_]}, and the quantifiers {@code ?}, {@code *}, {@code +}, {@code {n}} and {@code {n,m}}.
 */
final class WordGenerator {
    /** The most repetitions drawn for an open quantifier ({@code *}, {@code +}). */
    private static final int OPEN_MAX = 4;

    private WordGenerator() {}

    /** One atom of the pattern: the characters it may stand for and how often it repeats. */
    private record Atom(List<Character> choices, int min, int max) {}

    /** Throws {@link IllegalArgumentException} if the regex uses more than this generator understands. */
    static void check(String regex) {
        atoms(regex);
    }

    static String draw(String regex, Random random) {
        StringBuilder out = new StringBuilder();
        for (Atom a : atoms(regex)) {
            int n = a.min() + random.nextInt(a.max() - a.min() + 1);
            for (int i = 0; i < n; i++) {
                out.append(a.choices().get(random.nextInt(a.choices().size())));
            }
        }
        return out.toString();
    }

    private static List<Atom> atoms(String regex) {
        List<Atom> atoms = new ArrayList<>();
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            List<Character> choices = new ArrayList<>();
            if (c == '[') {
                int end = regex.indexOf(']', i + 1);
                if (end < 0 || regex.charAt(i + 1) == '^') {
                    throw unsupported(regex);
                }
                String body = regex.substring(i + 1, end);
                for (int k = 0; k < body.length(); k++) {
                    char from = body.charAt(k);
                    if (from == '\\' && k + 1 < body.length()) {
                        choices.addAll(escape(body.charAt(++k), regex));
                    } else if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
                        char to = body.charAt(k + 2);
                        for (char x = from; x <= to; x++) {
                            choices.add(x);
                        }
                        k += 2;
                    } else {
                        choices.add(from);
                    }
                }
                i = end + 1;
            } else if (c == '\\' && i + 1 < regex.length()) {
                choices.addAll(escape(regex.charAt(i + 1), regex));
                i += 2;
            } else if ("()|.^$*+?{}".indexOf(c) >= 0) {
                throw unsupported(regex);
            } else {
                choices.add(c);
                i++;
            }
            int min = 1;
            int max = 1;
            if (i < regex.length()) {
                char q = regex.charAt(i);
                if (q == '?' || q == '*' || q == '+') {
                    min = q == '+' ? 1 : 0;
                    max = q == '?' ? 1 : OPEN_MAX;
                    i++;
                } else if (q == '{') {
                    int end = regex.indexOf('}', i);
                    if (end < 0) {
                        throw unsupported(regex);
                    }
                    String[] bounds = regex.substring(i + 1, end).split(",", -1);
                    try {
                        min = Integer.parseInt(bounds[0].strip());
                        max = bounds.length == 1 ? min : Integer.parseInt(bounds[1].strip());
                    } catch (NumberFormatException e) {
                        throw unsupported(regex);
                    }
                    if (bounds.length > 2 || min > max) {
                        throw unsupported(regex);
                    }
                    i = end + 1;
                }
            }
            if (choices.isEmpty()) {
                throw unsupported(regex);
            }
            atoms.add(new Atom(List.copyOf(choices), min, max));
        }
        return atoms;
    }

    private static List<Character> escape(char e, String regex) {
        return switch (e) {
            case 'd' -> List.of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
            case 'w', 's', 'W', 'S', 'D', 'b', 'B' -> throw unsupported(regex);
            default -> List.of(e);
        };
    }

    private static IllegalArgumentException unsupported(String regex) {
        return new IllegalArgumentException("the word pattern '" + regex + "' uses more regex than random words can"
                + " be drawn from: use literal characters, classes like [A-Za-z0-9] and ?, *, +, {n} or {n,m}");
    }
}
