package dev.asyncgrader.check;

import java.util.List;

/**
 * Reads, judges and rehearses checks; the registry of check kinds. Each kind is one self-contained unit, a {@link
 * CheckKind} (its YAML shape, its evaluation, the values its feedback may use, its load-time rehearsal), listed here
 * by its YAML name and bound to its {@link Check} record by one exhaustive switch.
 */
public final class CheckEvaluator {
    private CheckEvaluator() {}

    /** Every kind, in the order the exercise format lists them. */
    private static final List<CheckKind<?>> KINDS = List.of(
            new LinesCheck(),
            new BeforeCheck(),
            new SequenceCheck(),
            new SortedCheck(),
            new AtCheck(),
            new DurationCheck(),
            new TogetherCheck(),
            new EndsAfterCheck(),
            new InFlightCheck(),
            new UnitTestCheck(),
            new FixtureInFlightCheck(),
            new FixtureRequestsCheck(),
            new FixtureAbandonedCheck(),
            new FixtureOrderCheck(),
            new ExitCheck());

    /** Reads a check of the kind named {@code kind} (the YAML {@code kind} field) from its declaration. */
    public static Check read(String kind, CheckShape shape) {
        for (CheckKind<?> k : KINDS) {
            if (k.name().equals(kind)) {
                return k.read(shape);
            }
        }
        throw shape.field("kind")
                .error("unknown check kind '" + kind + "'; kinds: "
                        + String.join(", ", KINDS.stream().map(CheckKind::name).toList()));
    }

    /** The names a check's feedback template may use besides {@code run} and the run's arguments. */
    public static List<String> feedbackValues(Check check) {
        return bind(check).kind().feedbackValues();
    }

    /** Judges {@code check} on one run's evidence. */
    public static CheckOutcome evaluate(Check check, RunEvidence run) {
        return bind(check).evaluate(run);
    }

    /**
     * Rehearses {@code check} for one run at load time: throws if one of its expressions fails on the run's
     * arguments; returns warnings about narrow timing margins.
     */
    public static List<String> rehearse(Check check, Rehearsal rehearsal) {
        return bind(check).rehearse(rehearsal);
    }

    /** Whether {@code check} judges a simulated service's log, so its exercise must declare a fixture. */
    public static boolean needsFixture(Check check) {
        return bind(check).kind().needsFixture();
    }

    /** A check with the unit of its kind; being exhaustive, the switch makes every record name its kind. */
    private static Bound<?> bind(Check check) {
        return switch (check) {
            case Check.Lines c -> new Bound<>(new LinesCheck(), c);
            case Check.Before c -> new Bound<>(new BeforeCheck(), c);
            case Check.Sequence c -> new Bound<>(new SequenceCheck(), c);
            case Check.Sorted c -> new Bound<>(new SortedCheck(), c);
            case Check.At c -> new Bound<>(new AtCheck(), c);
            case Check.Duration c -> new Bound<>(new DurationCheck(), c);
            case Check.Together c -> new Bound<>(new TogetherCheck(), c);
            case Check.EndsAfter c -> new Bound<>(new EndsAfterCheck(), c);
            case Check.InFlight c -> new Bound<>(new InFlightCheck(), c);
            case Check.UnitTest c -> new Bound<>(new UnitTestCheck(), c);
            case Check.FixtureInFlight c -> new Bound<>(new FixtureInFlightCheck(), c);
            case Check.FixtureRequests c -> new Bound<>(new FixtureRequestsCheck(), c);
            case Check.FixtureAbandoned c -> new Bound<>(new FixtureAbandonedCheck(), c);
            case Check.FixtureOrder c -> new Bound<>(new FixtureOrderCheck(), c);
            case Check.Exit c -> new Bound<>(new ExitCheck(), c);
        };
    }

    /** A check and its kind, typed together so the kind can judge it. */
    private record Bound<C extends Check>(CheckKind<C> kind, C check) {
        CheckOutcome evaluate(RunEvidence run) {
            return kind.evaluate(check, run);
        }

        List<String> rehearse(Rehearsal rehearsal) {
            return kind.rehearse(check, rehearsal);
        }
    }
}
