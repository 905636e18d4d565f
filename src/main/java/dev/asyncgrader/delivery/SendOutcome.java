package dev.asyncgrader.delivery;

/** What one attempt at a delivery came to. */
public sealed interface SendOutcome {
    /** The other side took it. */
    record Delivered() implements SendOutcome {}

    /** It may work later (network, 5xx, 429): tried again after a backoff. */
    record Retry(String error) implements SendOutcome {}

    /** It will never work as it is (e.g. a 4xx refusal): not tried again. */
    record GiveUp(String error) implements SendOutcome {}
}
