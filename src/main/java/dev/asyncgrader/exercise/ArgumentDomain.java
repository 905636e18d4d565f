package dev.asyncgrader.exercise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The set of values one command-line argument (or one field of a split argument) may take: the published
 * contract that example runs, hidden runs and hidden tests all stay inside.
 *
 * <p>Written in exercise.yaml as one line: {@code integer 1..999}, {@code decimal 0.5..3 step 0.5},
 * {@code word [A-Z][a-z]{0,5}} or {@code one of ok, fail}.
 */
public sealed interface ArgumentDomain {

    /** Whether {@code text}, exactly as written on the command line, is in this domain. */
    boolean contains(String text);

    /** A random value of this domain, written as a student's program would receive it. */
    String draw(Random random);

    /** This domain in words for the prompt, e.g. "a whole number from 1 to 999". */
    String describe();

    /** This domain as written in exercise.yaml (the form the hidden tests' support class reads). */
    String spec();

    /** Whole numbers from {@code min} to {@code max}, written without sign or leading zeros. */
    record Whole(long min, long max) implements ArgumentDomain {
        private static final Pattern FORM = Pattern.compile("-?(0|[1-9]\\d{0,17})");

        @Override
        public boolean contains(String text) {
            if (!FORM.matcher(text).matches()) {
                return false;
            }
            long v = Long.parseLong(text);
            return v >= min && v <= max;
        }

        @Override
        public String draw(Random random) {
            return Long.toString(min + (long) (random.nextDouble() * (max - min + 1)));
        }

        @Override
        public String describe() {
            return "a whole number from " + min + " to " + max;
        }

        @Override
        public String spec() {
            return "integer " + min + ".." + max;
        }
    }

    /**
     * Decimal numbers from {@code min} to {@code max} that are {@code min} plus a whole multiple of
     * {@code step}; written plainly (e.g. {@code 1.5}, {@code 2} or {@code 2.0}), never in exponent form.
     */
    record Decimal(BigDecimal min, BigDecimal max, BigDecimal step) implements ArgumentDomain {
        private static final Pattern FORM = Pattern.compile("-?\\d{1,9}(\\.\\d{1,6})?");

        @Override
        public boolean contains(String text) {
            if (!FORM.matcher(text).matches()) {
                return false;
            }
            BigDecimal v = new BigDecimal(text);
            return v.compareTo(min) >= 0
                    && v.compareTo(max) <= 0
                    && v.subtract(min).remainder(step).signum() == 0;
        }

        @Override
        public String draw(Random random) {
            long steps = max.subtract(min).divideToIntegralValue(step).longValueExact();
            BigDecimal v = min.add(step.multiply(BigDecimal.valueOf((long) (random.nextDouble() * (steps + 1)))));
            return v.stripTrailingZeros().toPlainString();
        }

        @Override
        public String describe() {
            return "a number from " + plain(min) + " to " + plain(max) + " in steps of " + plain(step);
        }

        @Override
        public String spec() {
            return "decimal " + plain(min) + ".." + plain(max) + " step " + plain(step);
        }
    }

    /** Words that fully match {@code pattern}, a regex of literal characters and character classes. */
    record Word(Pattern pattern) implements ArgumentDomain {
        @Override
        public boolean contains(String text) {
            return pattern.matcher(text).matches();
        }

        @Override
        public String draw(Random random) {
            return WordGenerator.draw(pattern.pattern(), random);
        }

        @Override
        public String describe() {
            return "a word of the form `" + pattern.pattern() + "`";
        }

        @Override
        public String spec() {
            return "word " + pattern.pattern();
        }
    }

    /** One of a few fixed words. */
    record OneOf(List<String> choices) implements ArgumentDomain {
        @Override
        public boolean contains(String text) {
            return choices.contains(text);
        }

        @Override
        public String draw(Random random) {
            return choices.get(random.nextInt(choices.size()));
        }

        @Override
        public String describe() {
            List<String> quoted = choices.stream().map(c -> "`" + c + "`").toList();
            return quoted.size() == 1
                    ? quoted.getFirst()
                    : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.getLast();
        }

        @Override
        public String spec() {
            return "one of " + String.join(", ", choices);
        }
    }

    /** Reads a domain as written in exercise.yaml; throws {@link IllegalArgumentException} saying what is wrong. */
    static ArgumentDomain parse(String text) {
        String t = text.strip();
        try {
            if (t.startsWith("integer ")) {
                String[] range = range(t.substring("integer ".length()));
                long min = new BigInteger(range[0]).longValueExact();
                long max = new BigInteger(range[1]).longValueExact();
                if (min > max) {
                    throw new IllegalArgumentException("the range's low end is above its high end");
                }
                return new Whole(min, max);
            }
            if (t.startsWith("decimal ")) {
                String rest = t.substring("decimal ".length());
                int s = rest.indexOf(" step ");
                if (s < 0) {
                    throw new IllegalArgumentException("a decimal domain needs a step, e.g. decimal 0.5..3 step 0.5");
                }
                String[] range = range(rest.substring(0, s));
                BigDecimal min = new BigDecimal(range[0]);
                BigDecimal max = new BigDecimal(range[1]);
                BigDecimal step =
                        new BigDecimal(rest.substring(s + " step ".length()).strip());
                if (min.compareTo(max) > 0 || step.signum() <= 0) {
                    throw new IllegalArgumentException("needs low <= high and a positive step");
                }
                if (max.subtract(min).remainder(step).signum() != 0) {
                    throw new IllegalArgumentException("the high end is not the low end plus whole steps");
                }
                return new Decimal(min, max, step);
            }
            if (t.startsWith("word ")) {
                String regex = t.substring("word ".length()).strip();
                Pattern p = Pattern.compile(regex);
                WordGenerator.check(regex);
                Random random = new Random(1);
                for (int i = 0; i < 50; i++) {
                    String w = WordGenerator.draw(regex, random);
                    if (!p.matcher(w).matches()) {
                        throw new IllegalArgumentException("drew '" + w + "', which the pattern does not match");
                    }
                }
                return new Word(p);
            }
            if (t.startsWith("one of ")) {
                List<String> choices = new ArrayList<>();
                for (String c : t.substring("one of ".length()).split(",")) {
                    if (c.isBlank()) {
                        throw new IllegalArgumentException("an empty choice");
                    }
                    choices.add(c.strip());
                }
                return new OneOf(List.copyOf(choices));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + t + "' has a malformed number");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the word pattern is not a valid regex: " + e.getDescription());
        }
        throw new IllegalArgumentException("'" + t + "' is not a domain; write one of: integer 1..999, decimal 0.5..3"
                + " step 0.5, word [A-Z][a-z]{0,5}, one of ok, fail");
    }

    private static String[] range(String text) {
        String[] parts = text.strip().split("\\.\\.", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a range like 1..999");
        }
        return new String[] {parts[0].strip(), parts[1].strip()};
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
