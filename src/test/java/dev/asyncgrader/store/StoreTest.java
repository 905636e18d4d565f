package dev.asyncgrader.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The migrations and the repositories besides submissions, on SQLite and on a real PostgreSQL. */
class StoreTest {
    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void everyMigration_appliesOnceOnAnEmptyStore_andOpeningAgainChangesNothing(String kind) throws Exception {
        TestStores store = new TestStores(kind, data);
        try (Database db = store.open()) {
            assertEquals(Set.copyOf(Database.knownMigrations()), db.appliedMigrations());
            assertEquals(List.of(1, 2, 3, 4, 5), Database.knownMigrations());
        }
        try (Database db = store.open()) {
            assertEquals(Set.copyOf(Database.knownMigrations()), db.appliedMigrations());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.POSTGRESQL})
    void processesStartingTogether_migrateOneAtATime(String kind) throws Exception {
        TestStores store = new TestStores(kind, data);
        store.settings();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Set<Integer>>> opened = java.util.stream.IntStream.range(0, 4)
                    .mapToObj(i -> pool.submit(() -> {
                        try (Database db = store.open()) {
                            return db.appliedMigrations();
                        }
                    }))
                    .toList();
            for (Future<Set<Integer>> f : opened) {
                assertEquals(Set.copyOf(Database.knownMigrations()), f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void ltiLoginState_isSingleUse(String kind) throws Exception {
        try (Database db = new TestStores(kind, data).open()) {
            LtiRepository lti = new LtiRepository(db);
            lti.insertLogin("state-1", "nonce-1", "canvas", Instant.now().plusSeconds(60));
            LtiRepository.LoginState first = lti.consumeLogin("state-1").orElseThrow();
            assertEquals("nonce-1", first.nonce());
            assertFalse(first.used());
            assertTrue(lti.consumeLogin("state-1").orElseThrow().used(), "a replay sees it used");
            assertEquals(Optional.empty(), lti.consumeLogin("no-such-state"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void jobeFiles_storedReplacedAndReadBack(String kind) throws Exception {
        try (Database db = new TestStores(kind, data).open()) {
            JobeFileRepository files = new JobeFileRepository(db);
            assertFalse(files.exists("f1"));
            files.put("f1", new byte[] {1, 2, 3});
            files.put("f1", new byte[] {4, 5});
            assertTrue(files.exists("f1"));
            assertArrayEquals(new byte[] {4, 5}, files.get("f1").orElseThrow());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void signInLinks_expireAndRevoke(String kind) throws Exception {
        try (Database db = new TestStores(kind, data).open()) {
            SignInLinkRepository links = new SignInLinkRepository(db);
            Instant now = Instant.now();
            String id = links.insert("a".repeat(64), "ann", "lms", now.plusSeconds(60));
            links.insert("b".repeat(64), "ben", "lms", now.minusSeconds(1));
            assertEquals(Optional.of("ann"), links.student("a".repeat(64), now));
            assertEquals(Optional.empty(), links.student("b".repeat(64), now), "expired");
            assertTrue(links.revoke(id));
            assertEquals(Optional.empty(), links.student("a".repeat(64), now), "revoked");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void deliveries_storedWithTheResult_dueOldestFirst_untilDelivered(String kind) throws Exception {
        try (Database db = new TestStores(kind, data).open()) {
            SubmissionRepository repo = new SubmissionRepository(db);
            DeliveryRepository outbox = new DeliveryRepository(db);
            String id = repo.insert(SubmissionKind.GRADE, "e", "ann", Map.of("Main.java", "x"), null, null, "lms")
                    .id();
            repo.finish(
                    id,
                    "{}",
                    1,
                    2,
                    "graded",
                    List.of(
                            new DeliveryRepository.NewDelivery("webhook", "{\"n\":1}"),
                            new DeliveryRepository.NewDelivery("lti-score", "{\"n\":2}")));
            List<DeliveryRepository.Delivery> due = outbox.due(Instant.now().plusSeconds(1), 10);
            assertEquals(2, due.size());
            assertTrue(due.stream().allMatch(d -> d.submissionId().equals(id)));
            outbox.delivered(due.get(0).id(), 1);
            outbox.failed(due.get(1).id(), 1, "HTTP 503", null);
            assertEquals(List.of(), outbox.due(Instant.now().plusSeconds(1), 10));
            assertEquals(null, outbox.nextDue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void deliveries_claimedByTwoServersAtOnce_goEachToOne(String kind) throws Exception {
        TestStores store = new TestStores(kind, data);
        try (Database one = store.open();
                Database two = store.open()) {
            SubmissionRepository repo = new SubmissionRepository(one);
            for (int i = 0; i < 10; i++) {
                String id = repo.insert(SubmissionKind.GRADE, "e", "s" + i, Map.of("Main.java", "x"), null, null, "lms")
                        .id();
                repo.finish(
                        id,
                        "{}",
                        1,
                        1,
                        "graded",
                        List.of(
                                new DeliveryRepository.NewDelivery("webhook", "{}"),
                                new DeliveryRepository.NewDelivery("lti-score", "{}")));
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<List<DeliveryRepository.Delivery>>> claims = java.util.stream.IntStream.range(0, 6)
                        .mapToObj(i -> pool.submit(() -> {
                            DeliveryRepository server = new DeliveryRepository(i % 2 == 0 ? one : two);
                            List<DeliveryRepository.Delivery> mine = new java.util.ArrayList<>();
                            for (List<DeliveryRepository.Delivery> got = server.due(Instant.now(), 3);
                                    !got.isEmpty();
                                    got = server.due(Instant.now(), 3)) {
                                mine.addAll(got);
                            }
                            return mine;
                        }))
                        .toList();
                List<String> all = new java.util.ArrayList<>();
                for (Future<List<DeliveryRepository.Delivery>> f : claims) {
                    f.get().forEach(d -> all.add(d.id()));
                }
                assertEquals(20, all.size());
                assertEquals(20, Set.copyOf(all).size(), "no delivery claimed twice");
            } finally {
                pool.shutdown();
            }
            assertEquals(null, new DeliveryRepository(two).nextDue(), "all claimed: none due for another server");
        }
    }
}
