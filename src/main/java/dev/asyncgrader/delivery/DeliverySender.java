package dev.asyncgrader.delivery;

/** Sends one kind of delivery (a webhook, an LTI score) from its stored payload. */
@FunctionalInterface
public interface DeliverySender {
    SendOutcome send(String submissionId, String payload) throws InterruptedException;
}
