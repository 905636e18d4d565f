package dev.asyncgrader.lti;

/** What became of an LTI launch: a verified launch, or a refusal with the reason shown on the refusal page. */
sealed interface LaunchOutcome {
    /** Every check passed. */
    record Accepted(Launch launch) implements LaunchOutcome {}

    /** A check failed; {@code reason} says which, for the person and for the platform's administrator. */
    record Refused(String reason) implements LaunchOutcome {}
}
