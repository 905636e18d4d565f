package dev.asyncgrader.check;

import dev.asyncgrader.sandbox.RunOutcome;
import java.util.List;

/** The {@code exit} kind: the program ends by itself with the expected code. */
final class ExitCheck implements CheckKind<Check.Exit> {

    @Override
    public String name() {
        return "exit";
    }

    @Override
    public Check.Exit read(CheckShape shape) {
        shape.only("code");
        return new Check.Exit(shape.info(), shape.field("code").integer(0));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("code", "status");
    }

    @Override
    public CheckOutcome evaluate(Check.Exit c, RunEvidence run) {
        return switch (run.transcript().outcome()) {
            case RunOutcome.Exited e
            when e.code() == c.code() -> new CheckOutcome.Passed(Judging.values("code", e.code()));
            case RunOutcome.Exited e ->
                new CheckOutcome.Failed(Judging.values("code", e.code(), "status", "exited with code " + e.code()));
            case RunOutcome.TimedOut t ->
                new CheckOutcome.Failed(Judging.values("code", "", "status", "still running at the time limit"));
            case RunOutcome.OutputLimitExceeded o ->
                new CheckOutcome.Failed(Judging.values("code", "", "status", "stopped for printing too much"));
            case RunOutcome.LimitExceeded l ->
                new CheckOutcome.Failed(
                        Judging.values("code", "", "status", "stopped for using too many " + l.limit()));
            case RunOutcome.FailedToStart f ->
                new CheckOutcome.Failed(Judging.values("code", "", "status", "could not start"));
        };
    }
}
