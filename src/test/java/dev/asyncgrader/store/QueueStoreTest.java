package dev.asyncgrader.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The queue's claims, leases and fenced writes, on SQLite and on a real PostgreSQL. */
class QueueStoreTest {
    @TempDir
    Path data;

    private static final Map<String, String> FILES = Map.of("Main.java", "class Main {}");

    private static QueueStore.Finish finish(String resultJson, List<EventStore.NewEvent> closing) {
        return new QueueStore.Finish(
                resultJson, 1.0, 1.0, "graded", List.of(new DeliveryRepository.NewDelivery("webhook", "{}")), closing);
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void eightWorkersClaimingAtOnce_claimEachSubmissionExactlyOnce(String kind) throws Exception {
        try (Database db = new TestStores(kind, data).open()) {
            SubmissionRepository repo = new SubmissionRepository(db);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                ids.add(repo.insert(SubmissionKind.GRADE, "ex", "s" + i, FILES, null, null, "lms")
                        .id());
            }
            QueueStore queue = new QueueStore(db);
            Map<String, String> claimedBy = new ConcurrentHashMap<>();
            List<String> twice = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    String worker = "w" + w;
                    workers.add(pool.submit(() -> {
                        for (Optional<Lease> l = queue.claim(worker, Duration.ofMinutes(1));
                                l.isPresent();
                                l = queue.claim(worker, Duration.ofMinutes(1))) {
                            if (claimedBy.putIfAbsent(l.get().submissionId(), worker) != null) {
                                twice.add(l.get().submissionId());
                            }
                            assertEquals(1, l.get().attempts());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : workers) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(List.of(), twice);
            assertEquals(ids, claimedBy.keySet());
            assertEquals(Optional.empty(), queue.claim("late", Duration.ofMinutes(1)), "all leased, none free");
            assertEquals(40, queue.waiting());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void expiredLease_isReclaimed_andTheFormerHolderWritesNothing(String kind) throws Exception {
        try (Database db = new TestStores(kind, data).open()) {
            SubmissionRepository repo = new SubmissionRepository(db);
            EventStore events = new EventStore(db);
            QueueStore queue = new QueueStore(db);
            DeliveryRepository outbox = new DeliveryRepository(db);
            String id = repo.insert(SubmissionKind.GRADE, "ex", "ann", FILES, null, null, "lms")
                    .id();
            events.restart(id, new EventStore.NewEvent("status", "{\"status\":\"queued\"}", false));

            Lease first = queue.claim("a", Duration.ofMillis(300)).orElseThrow();
            assertTrue(queue.updateStatus(first, "running"));
            assertTrue(events.append(first, "a", new EventStore.NewEvent("status", "{\"status\":\"running\"}", false)));
            assertTrue(queue.renew(first, Duration.ofMillis(300)));
            assertEquals(Optional.empty(), queue.claim("b", Duration.ofMinutes(1)), "still leased");
            Thread.sleep(600);
            Lease second = queue.claim("b", Duration.ofMinutes(1)).orElseThrow();
            assertEquals(id, second.submissionId());
            assertEquals(2, second.attempts());
            assertTrue(second.reclaimed());
            assertNotEquals(first.token(), second.token());

            assertFalse(queue.renew(first, Duration.ofMinutes(1)), "the old lease is gone");
            assertFalse(queue.updateStatus(first, "checking"));
            assertFalse(events.append(first, "a", new EventStore.NewEvent("check", "{}", false)));
            assertFalse(queue.finish(
                    first, "a", finish("{\"late\":true}", List.of(new EventStore.NewEvent("result", "{}", false)))));
            assertEquals(List.of(), outbox.due(Instant.now().plusSeconds(1), 10), "no delivery from the late one");

            assertTrue(queue.finish(
                    second,
                    "b",
                    finish(
                            "{\"ok\":true}",
                            List.of(
                                    new EventStore.NewEvent("result", "{\"ok\":true}", false),
                                    new EventStore.NewEvent("status", "{\"status\":\"done\"}", false)))));
            StoredSubmission done = repo.find(id).orElseThrow();
            assertTrue(done.done());
            assertEquals("{\"ok\":true}", done.resultJson());
            assertEquals(1, outbox.due(Instant.now().plusSeconds(1), 10).size());
            List<StoredEvent> all = events.after(id, 0);
            assertEquals(
                    List.of(1L, 2L, 3L, 4L), all.stream().map(StoredEvent::seq).toList());
            assertEquals(
                    List.of("api", "a", "b", "b"),
                    all.stream()
                            .map(e -> e.writtenBy() == null ? "api" : e.writtenBy())
                            .toList());
            assertEquals(2, events.after(id, 2).size(), "Last-Event-ID 2 resumes after it");
            assertFalse(queue.renew(second, Duration.ofMinutes(1)), "a done submission holds no lease");
            assertEquals(Optional.empty(), queue.claim("c", Duration.ofMinutes(1)), "done is never claimed");
            assertEquals(0, queue.waiting());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void regrade_putsItBackWithAFreshStreamAndAttemptCount(String kind) throws Exception {
        try (Database db = new TestStores(kind, data).open()) {
            SubmissionRepository repo = new SubmissionRepository(db);
            EventStore events = new EventStore(db);
            QueueStore queue = new QueueStore(db);
            String id = repo.insert(SubmissionKind.GRADE, "ex", "ann", FILES, null, null, "lms")
                    .id();
            Lease l = queue.claim("a", Duration.ofMinutes(1)).orElseThrow();
            assertTrue(queue.finish(l, "a", finish("{}", List.of(new EventStore.NewEvent("result", "{}", false)))));
            assertTrue(repo.requeue(id));
            events.restart(id, new EventStore.NewEvent("status", "{\"status\":\"queued\"}", false));
            assertEquals(
                    List.of("status"),
                    events.after(id, 0).stream().map(StoredEvent::name).toList());
            Lease again = queue.claim("b", Duration.ofMinutes(1)).orElseThrow();
            assertEquals(1, again.attempts());
            assertFalse(queue.updateStatus(l, "running"), "the first grading's lease does not come back");
        }
    }
}
