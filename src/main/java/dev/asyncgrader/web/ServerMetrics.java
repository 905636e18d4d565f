package dev.asyncgrader.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** The server's Prometheus metrics: queue length, gradings by status, grading duration. */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    ServerMetrics(Supplier<Number> queueLength) {
        Gauge.builder("grader_queue_length", queueLength)
                .description("Submissions waiting or being graded")
                .register(registry);
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
