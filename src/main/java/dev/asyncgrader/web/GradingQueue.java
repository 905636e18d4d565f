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
import dev.asyncgrader.store.Database;
import dev.asyncgrader.store.DeliveryRepository;
import dev.asyncgrader.store.EventStore;
import dev.asyncgrader.store.Lease;
import dev.asyncgrader.store.QueueStore;
import dev.asyncgrader.store.StoreListener;
import dev.asyncgrader.store.StoredSubmission;
import dev.asyncgrader.store.SubmissionKind;
import dev.asyncgrader.store.SubmissionRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Grades accepted submissions in the background with a bounded set of workers that claim them from the store.
 * A claim is a lease (token and expiry by the database's clock) renewed while grading; every write of the
 * grading is fenced by the token, so a worker that lost its lease writes nothing, and a submission whose worker
 * died is claimed again once its lease runs out, up to a number of attempts. The store is the queue, so a
 * submission once accepted is graded even if the server (or, with PostgreSQL, any one worker) was killed.
 */
final class GradingQueue {
    /** What a finished grading owes other systems (webhook, LMS score), stored with its result. */
    @FunctionalInterface
    interface Outbox {
        List<DeliveryRepository.NewDelivery> owed(StoredSubmission s, GradeResult result, String resultJson)
                throws SQLException;
    }

    /**
     * How this node holds its claims.
     *
     * @param lease how long a claim holds without renewal; renewed every third of it
     * @param maxAttempts claims of one submission before it ends as an internal error
     * @param node this process's name in the store (who holds a lease, who wrote an event)
     */
    record Leasing(Duration lease, int maxAttempts, String node) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often an idle worker looks for work it was not woken for (expired leases, a lost notification). */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Grader grader;
    private final ExerciseCatalog exercises;
    private final Database database;
    private final SubmissionRepository repository;
    private final QueueStore store;
    private final EventStore storedEvents;
    private final EventHub events;
    private final Outbox outbox;
    private final Runnable deliveriesOwed;
    private final ServerMetrics metrics;
    private final int workers;
    private final Leasing leasing;
    private volatile boolean stopping;
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-renewal");
        t.setDaemon(true);
        return t;
    });
    private StoreListener listener;
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition woken = wakeLock.newCondition();
    private long wakeups;
    /** Submissions accepted or taken back by this node and not yet seen finished here. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** The gradings this node runs now, so that a Stop can interrupt one. */
    private final Map<String, Grading> grading = new ConcurrentHashMap<>();
    /** Submissions a student asked to stop. */
    private final Set<String> stopRequested = ConcurrentHashMap.newKeySet();

    GradingQueue(
            Grader grader,
            ExerciseCatalog exercises,
            Database database,
            SubmissionRepository repository,
            EventHub events,
            Outbox outbox,
            Runnable deliveriesOwed,
            ServerMetrics metrics,
            int workers,
            Leasing leasing) {
        this.grader = grader;
        this.exercises = exercises;
        this.database = database;
        this.repository = repository;
        this.store = new QueueStore(database);
        this.storedEvents = new EventStore(database);
        this.events = events;
        this.outbox = outbox;
        this.deliveriesOwed = deliveriesOwed;
        this.metrics = metrics;
        this.workers = workers;
        this.leasing = leasing;
    }

    /**
     * Starts the workers (none on an API node), which take unfinished submissions from the store as they take new
     * ones. Returns how many were unfinished.
     */
    int start() throws SQLException {
        store.releaseAllOnOneMachine();
        List<StoredSubmission> unfinished = repository.unfinished();
        if (!database.shared()) {
            for (StoredSubmission s : unfinished) {
                follow(s.id());
            }
        }
        if (workers > 0 && database.shared()) {
            listener = new StoreListener(
                    database,
                    (channel, payload) -> {
                        if (channel.equals(QueueStore.STOP_CHANNEL)) {
                            stopHere(payload);
                        } else {
                            wake();
                        }
                    },
                    this::wake,
                    QueueStore.CHANNEL,
                    QueueStore.STOP_CHANNEL);
        }
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "grading-worker-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return unfinished.size();
    }

    /** Queues a stored submission: its stream opens with {@code queued}, and the workers are woken. */
    void enqueue(String id) {
        if (!follow(id)) {
            return;
        }
        try {
            if (database.shared()) {
                storedEvents.restart(id, new EventStore.NewEvent("status", "{\"status\":\"queued\"}", false));
            }
            store.announce();
        } catch (SQLException e) {
            // The submission is stored: a worker polling finds it; only its first event is missing.
            System.err.println("queueing " + id + ": the store failed (" + e.getMessage() + ")");
        }
        wake();
    }

    private boolean follow(String id) {
        if (database.shared()) {
            return true; // the store keeps the stream, and every API node reads it there
        }
        if (!queued.add(id)) {
            return false;
        }
        events.open(id);
        events.publish(id, "status", Map.of("status", "queued"), false);
        return true;
    }

    /** Queues a submission the store has just put back in line (re-grading), with a fresh event stream. */
    void regrade(String id) {
        events.forgetEnded(id);
        enqueue(id);
    }

    /**
     * Stops a scratch run: interrupting its worker ends the program (the launcher kills the process tree on
     * interrupt), and its result says it was stopped. On a shared store the request is stored and announced, so
     * that the worker grading it (or about to) stops it, on whichever node. False if it is not waiting or being
     * graded.
     */
    boolean stopRun(String id) {
        boolean here = stopHere(id);
        if (!database.shared()) {
            return here;
        }
        try {
            return store.requestStop(id) || here;
        } catch (SQLException e) {
            System.err.println("stopping " + id + ": the store failed (" + e.getMessage() + ")");
            return here;
        }
    }

    /** Stops {@code id} if it waits or is being graded on this node. */
    private boolean stopHere(String id) {
        if (!queued.contains(id) && !grading.containsKey(id)) {
            return false;
        }
        stopRequested.add(id);
        Grading g = grading.get(id);
        if (g != null) {
            g.thread.interrupt();
        }
        return true;
    }

    /** Submissions waiting or being graded, by all workers on the store. */
    long length() {
        try {
            return store.waiting();
        } catch (SQLException e) {
            return -1;
        }
    }

    void stop() {
        stopping = true;
        threads.forEach(Thread::interrupt);
        renewals.shutdownNow();
        if (listener != null) {
            listener.close();
        }
    }

    private void wake() {
        wakeLock.lock();
        try {
            wakeups++;
            woken.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    private long wakeups() {
        wakeLock.lock();
        try {
            return wakeups;
        } finally {
            wakeLock.unlock();
        }
    }

    /** Waits until woken after {@code seen}, or {@code most}; a wake-up that came before the wait is not lost. */
    private void awaitWork(long seen, Duration most) throws InterruptedException {
        wakeLock.lock();
        try {
            long nanos = most.toNanos();
            while (wakeups == seen && nanos > 0 && !stopping) {
                nanos = woken.awaitNanos(nanos);
            }
        } finally {
            wakeLock.unlock();
        }
    }

    private void work() {
        while (!stopping) {
            long seen = wakeups();
            try {
                Optional<Lease> claimed;
                try {
                    claimed = store.claim(leasing.node(), leasing.lease());
                } catch (SQLException e) {
                    System.err.println("grading worker: the store failed (" + e.getMessage() + "); trying again");
                    awaitWork(seen, POLL);
                    continue;
                }
                if (claimed.isEmpty()) {
                    awaitWork(seen, POLL);
                    continue;
                }
                metrics.claimed(claimed.get().reclaimed());
                gradeClaimed(claimed.get());
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
            } catch (Exception e) {
                System.err.println("grading failed: " + e);
            } finally {
                if (!stopping) {
                    Thread.interrupted(); // a Stop or a lost lease interrupts one grading, not the worker
                }
            }
        }
    }

    /** One grading under a lease: lost (and its thread interrupted) when the lease cannot be renewed. */
    private final class Grading {
        final Lease lease;
        final Thread thread;
        /** Appends to the stored stream one at a time: each takes the next number. */
        final Object order = new Object();

        volatile boolean lost;
        /** Set while the result is written: a renewal that finds the submission done then is no loss. */
        volatile boolean finishing;
        /** Set when this grading is over: its worker thread may be grading another by then. */
        private boolean ended;

        Grading(Lease lease, Thread thread) {
            this.lease = lease;
            this.thread = thread;
        }

        synchronized void lose() {
            if (!lost && !ended) {
                lost = true;
                metrics.leaseLost();
                thread.interrupt();
            }
        }

        synchronized void end() {
            ended = true;
        }

        void renew() {
            try {
                if (!store.renew(lease, leasing.lease()) && !finishing) {
                    lose();
                } else if (database.shared()
                        && !stopRequested.contains(lease.submissionId())
                        && store.stopRequested(lease.submissionId())) {
                    stopHere(lease.submissionId()); // the Stop's notification was lost: found by asking
                }
            } catch (SQLException e) {
                // The next renewal may get through before the lease runs out; if not, the fence stops the writes.
                System.err.println("renewing the lease on " + lease.submissionId() + " failed: " + e.getMessage());
            }
        }

        void status(String status) {
            try {
                if (!store.updateStatus(lease, status)) {
                    lose();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        void publish(String name, Object data, boolean hiddenRun) {
            if (lost) {
                return;
            }
            synchronized (order) {
                if (database.shared()) {
                    try {
                        if (!storedEvents.append(
                                lease, leasing.node(), new EventStore.NewEvent(name, json(data), hiddenRun))) {
                            lose();
                            return;
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                events.publish(lease.submissionId(), name, data, hiddenRun);
            }
        }
    }

    private void gradeClaimed(Lease lease) throws SQLException, JsonProcessingException {
        String id = lease.submissionId();
        StoredSubmission s = repository.find(id).orElse(null);
        if (s == null || s.done()) {
            return;
        }
        if (!database.shared()) {
            events.open(id);
        }
        if (database.shared() && s.kind() == SubmissionKind.RUN && store.stopRequested(id)) {
            stopRequested.add(id); // stopped while it waited: grading ends at once
        }
        Grading g = new Grading(lease, Thread.currentThread());
        grading.put(id, g);
        long period = Math.max(50, leasing.lease().toMillis() / 3);
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(g::renew, period, period, TimeUnit.MILLISECONDS);
        try {
            gradeUnderLease(s, g);
        } finally {
            g.end();
            renewal.cancel(false);
            grading.remove(id);
            stopRequested.remove(id);
            queued.remove(id);
        }
    }

    private void gradeUnderLease(StoredSubmission s, Grading g) throws SQLException, JsonProcessingException {
        String id = s.id();
        long start = System.nanoTime();
        Exercise exercise = exercises.get(s.exerciseId());
        GradeResult result;
        if (g.lease.attempts() > leasing.maxAttempts()) {
            result = Grader.internalError(
                    exercise,
                    s.student(),
                    "grading was started " + (g.lease.attempts() - 1) + " times and never finished");
        } else {
            if (stopRequested.contains(id)) {
                Thread.currentThread().interrupt(); // stopped while waiting: grading ends at once
            }
            result = grader.grade(
                    exercise, s.student(), s.files(), listener(exercise, g), s.kind() == SubmissionKind.RUN);
        }
        if (g.lost) {
            return; // another worker has it now: this one's result must not land
        }
        Thread.interrupted(); // a Stop's interrupt has ended the run; the writes below must not see it
        String resultJson = JSON.writeValueAsString(result);
        Object shown = result;
        if (s.kind() == SubmissionKind.RUN && stopRequested.contains(id)) {
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
        boolean graded = s.kind() == SubmissionKind.GRADE;
        List<EventStore.NewEvent> closing = database.shared()
                ? List.of(
                        new EventStore.NewEvent("result", json(shown), false),
                        new EventStore.NewEvent("status", "{\"status\":\"done\"}", false))
                : List.of();
        QueueStore.Finish finish = new QueueStore.Finish(
                resultJson,
                graded ? result.score() : null,
                graded ? result.maxScore() : null,
                graded ? result.status().wireName() : null,
                graded ? outbox.owed(s, result, resultJson) : List.of(),
                closing);
        synchronized (g.order) {
            g.finishing = true;
            if (!store.finish(g.lease, leasing.node(), finish)) {
                g.lose();
                return;
            }
            if (graded) {
                deliveriesOwed.run();
                metrics.graded(result.status().wireName(), Duration.ofNanos(System.nanoTime() - start));
            }
            events.publish(id, "result", shown, false);
            events.publish(id, "status", Map.of("status", "done"), false);
            events.end(id);
        }
    }

    private GradingListener listener(Exercise exercise, Grading g) {
        Set<String> hiddenRuns = exercise.runs().stream()
                .filter(RunSpec::hidden)
                .map(RunSpec::name)
                .collect(Collectors.toSet());
        Map<String, Long> firstLine = new ConcurrentHashMap<>();
        return new GradingListener() {
            private Phase phase;

            @Override
            public synchronized void phase(Phase p, int step, int steps) {
                if (p != phase) {
                    phase = p;
                    g.status(p.wireName());
                }
                g.publish(
                        "status",
                        steps > 0
                                ? Map.of("status", p.wireName(), "run", step, "runs", steps)
                                : Map.of("status", p.wireName()),
                        false);
            }

            @Override
            public void check(GradeResult.CheckReport check) {
                g.publish("check", check, false);
            }

            @Override
            public void line(String run, OutputLine line) {
                long first = firstLine.computeIfAbsent(run, r -> line.nanos());
                g.publish(
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
        };
    }

    private static String json(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
