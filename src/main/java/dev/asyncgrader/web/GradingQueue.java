package dev.asyncgrader.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.exercise.RunSpec;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.GradingListener;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.store.DeliveryRepository;
import dev.asyncgrader.store.StoredSubmission;
import dev.asyncgrader.store.SubmissionRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Grades accepted submissions in the background with a bounded set of workers. Every submission is in the
 * store before it is queued, and on start the queue takes back every submission not yet done, so a
 * submission once accepted is graded even if the server was killed meanwhile.
 */
final class GradingQueue {
    /** What a finished grading owes other systems (webhook, LMS score), stored with its result. */
    @FunctionalInterface
    interface Outbox {
        List<DeliveryRepository.NewDelivery> owed(StoredSubmission s, GradeResult result, String resultJson)
                throws SQLException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Grader grader;
    private final ExerciseCatalog exercises;
    private final SubmissionRepository repository;
    private final EventHub events;
    private final Outbox outbox;
    private final Runnable deliveriesOwed;
    private final ServerMetrics metrics;
    private final int workers;
    private final LinkedBlockingQueue<String> waiting = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    GradingQueue(
            Grader grader,
            ExerciseCatalog exercises,
            SubmissionRepository repository,
            EventHub events,
            Outbox outbox,
            Runnable deliveriesOwed,
            ServerMetrics metrics,
            int workers) {
        this.grader = grader;
        this.exercises = exercises;
        this.repository = repository;
        this.events = events;
        this.outbox = outbox;
        this.deliveriesOwed = deliveriesOwed;
        this.metrics = metrics;
        this.workers = workers;
    }

    /** Takes back unfinished submissions from the store, then starts the workers. Returns how many came back. */
    int start() throws SQLException {
        List<StoredSubmission> unfinished = repository.unfinished();
        for (StoredSubmission s : unfinished) {
            enqueue(s.id());
        }
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "grading-worker-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return unfinished.size();
    }

    /** Queues a stored submission. */
    void enqueue(String id) {
        if (queued.add(id)) {
            events.open(id);
            events.publish(id, "status", Map.of("status", "queued"), false);
            waiting.add(id);
        }
    }

    /** Submissions waiting or being graded. */
    int length() {
        return waiting.size() + inProgress.get();
    }

    void stop() {
        threads.forEach(Thread::interrupt);
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            String id;
            try {
                id = waiting.take();
            } catch (InterruptedException e) {
                return;
            }
            inProgress.incrementAndGet();
            try {
                gradeOne(id);
            } catch (Exception e) {
                System.err.println("grading " + id + " failed: " + e);
            } finally {
                inProgress.decrementAndGet();
                queued.remove(id);
            }
        }
    }

    private void gradeOne(String id) throws SQLException, JsonProcessingException {
        StoredSubmission s = repository.find(id).orElse(null);
        if (s == null || s.done()) {
            events.end(id);
            return;
        }
        Exercise exercise = exercises.get(s.exerciseId());
        Set<String> hiddenRuns = exercise.runs().stream()
                .filter(RunSpec::hidden)
                .map(RunSpec::name)
                .collect(Collectors.toSet());
        Map<String, Long> firstLine = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        GradeResult result = grader.grade(
                exercise,
                s.student(),
                s.files(),
                new GradingListener() {
                    private String phase;

                    @Override
                    public void phase(String p) {
                        if (p.equals(phase)) {
                            return;
                        }
                        phase = p;
                        try {
                            repository.updateStatus(id, p);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        events.publish(id, "status", Map.of("status", p), false);
                    }

                    @Override
                    public void line(String run, OutputLine line) {
                        long first = firstLine.computeIfAbsent(run, r -> line.nanos());
                        events.publish(
                                id,
                                "stream",
                                Map.of(
                                        "run",
                                        run,
                                        "stream",
                                        line.stream() == OutputLine.Stream.STDOUT ? "out" : "err",
                                        "text",
                                        line.text(),
                                        "t",
                                        (line.nanos() - first) / 1_000_000),
                                hiddenRuns.contains(run));
                    }
                },
                s.kind().equals("run"));
        String resultJson = JSON.writeValueAsString(result);
        if (s.kind().equals("run")) {
            repository.finishRun(id, resultJson);
        } else {
            repository.finish(
                    id,
                    resultJson,
                    result.score(),
                    result.maxScore(),
                    result.status().wireName(),
                    outbox.owed(s, result, resultJson));
            deliveriesOwed.run();
            metrics.graded(result.status().wireName(), Duration.ofNanos(System.nanoTime() - start));
        }
        for (GradeResult.CheckReport c : result.checks()) {
            events.publish(id, "check", c, false);
        }
        events.publish(id, "result", result, false);
        events.publish(id, "status", Map.of("status", "done"), false);
        events.end(id);
    }
}
