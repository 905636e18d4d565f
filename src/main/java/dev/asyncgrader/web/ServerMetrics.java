package dev.asyncgrader.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics: queue length (all workers' on a shared store), gradings by status, grading
 * duration, and this node's claims, lease losses and reclaims.
 */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final Counter claims = Counter.builder("grader_claims")
            .description("Submissions claimed by this node's workers")
            .register(registry);
    private final Counter reclaims = Counter.builder("grader_reclaims")
            .description("Claims of submissions whose earlier worker died or lost its lease")
            .register(registry);
    private final Counter leaseLosses = Counter.builder("grader_lease_losses")
            .description("Gradings abandoned because their lease was lost to another worker")
            .register(registry);

    ServerMetrics(Supplier<Number> queueLength) {
        Gauge.builder("grader_queue_length", queueLength)
                .description("Submissions waiting or being graded, by all workers on the store")
                .register(registry);
    }

    /** A worker of this node claimed a submission; {@code reclaimed} when an earlier worker's lease had run out. */
    void claimed(boolean reclaimed) {
        claims.increment();
        if (reclaimed) {
            reclaims.increment();
        }
    }

    /** A worker of this node lost its lease: another took the submission, this one's result is dropped. */
    void leaseLost() {
        leaseLosses.increment();
    }

    void graded(String status, Duration took) {
        Counter.builder("grader_gradings")
                .tag("status", status)
                .description("Gradings finished, by status")
                .register(registry)
                .increment();
        Timer.builder("grader_grading_duration")
                .description("Time from start of grading to verdict")
                .register(registry)
                .record(took);
    }

    String scrape() {
        return registry.scrape();
    }
}
