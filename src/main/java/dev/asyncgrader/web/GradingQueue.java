package dev.asyncgrader.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.exercise.RunSpec;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.GradingListener;
import dev.asyncgrader.grading.Phase;
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
    private volatile boolean stopping;
    private final LinkedBlockingQueue<String> waiting = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    /** The worker thread grading each submission now, so that a Stop can interrupt it. */
    private final Map<String, Thread> grading = new ConcurrentHashMap<>();
    /** Submissions a student asked to stop. */
    private final Set<String> stopRequested = ConcurrentHashMap.newKeySet();

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

    /** Queues a submission the store has just put back in line (re-grading), with a fresh event stream. */
    void regrade(String id) {
        events.forgetEnded(id);
        enqueue(id);
    }

    /**
     * Stops a scratch run: interrupting its worker ends the program (the launcher kills the process tree on
     * interrupt), and its result says it was stopped. False if it is not waiting or being graded.
     */
    boolean stopRun(String id) {
        if (!queued.contains(id)) {
            return false;
        }
        stopRequested.add(id);
        Thread t = grading.get(id);
        if (t != null) {
            t.interrupt();
        }
        return true;
    }

    /** Submissions waiting or being graded. */
    int length() {
        return waiting.size() + inProgress.get();
    }

    void stop() {
        stopping = true;
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
            grading.put(id, Thread.currentThread());
            if (stopRequested.contains(id)) {
                Thread.currentThread().interrupt(); // stopped while waiting: grading ends at once
            }
            try {
                gradeOne(id);
            } catch (Exception e) {
                System.err.println("grading " + id + " failed: " + e);
            } finally {
                grading.remove(id);
                if (stopRequested.remove(id) && !stopping) {
                    Thread.interrupted(); // a Stop interrupts this one grading, not the worker
                }
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
                    private Phase phase;

                    @Override
                    public synchronized void phase(Phase p, int step, int steps) {
                        if (p != phase) {
                            phase = p;
                            try {
                                repository.updateStatus(id, p.wireName());
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        events.publish(
                                id,
                                "status",
                                steps > 0
                                        ? Map.of("status", p.wireName(), "run", step, "runs", steps)
                                        : Map.of("status", p.wireName()),
                                false);
                    }

                    @Override
                    public void check(GradeResult.CheckReport check) {
                        events.publish(id, "check", check, false);
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
        Object shown = result;
        if (s.kind().equals("run") && stopRequested.contains(id)) {
            // Stopped by the student: what ran so far, said as such rather than as a grader failure.
            var stopped = JSON.valueToTree(result);
            if (stopped instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.put("status", "stopped");
                o.putArray("feedback").add(Messages.stoppedByStudent());
                o.putArray("studentFeedback").add(Messages.stoppedByStudent());
            }
            resultJson = JSON.writeValueAsString(stopped);
            shown = stopped;
        }
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
        events.publish(id, "result", shown, false);
        events.publish(id, "status", Map.of("status", "done"), false);
        events.end(id);
    }
}
