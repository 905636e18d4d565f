package dev.asyncgrader.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store on a real SQLite file and on a real PostgreSQL: what is written is read back, after a reopen too, and queries filter right. */
class SubmissionRepositoryTest {
    @TempDir
    Path data;

    private static final Map<String, String> FILES = Map.of("Main.java", "class Main { /* é ü 🙂 */ }");

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void insertedSubmission_survivesReopen_withItsFiles(String kind) throws Exception {
        TestStores store = new TestStores(kind, data);
        String id;
        try (Database db = store.open()) {
            StoredSubmission s = new SubmissionRepository(db)
                    .insert(SubmissionKind.GRADE, "finish-order", "alice", FILES, "http://lms/hook", "key-1", "lms");
            id = s.id();
            assertEquals("queued", s.status());
        }
        try (Database db = store.open()) {
            StoredSubmission back = new SubmissionRepository(db).find(id).orElseThrow();
            assertEquals("alice", back.student());
            assertEquals("finish-order", back.exerciseId());
            assertEquals(FILES, back.files());
            assertEquals("http://lms/hook", back.callbackUrl());
            assertEquals("lms", back.submittedBy());
            assertEquals("queued", back.status());
            assertNull(back.resultJson());
            assertEquals(
                    List.of(id),
                    new SubmissionRepository(db)
                            .unfinished().stream().map(StoredSubmission::id).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void idempotencyKey_findsTheSameSubmission_onlyForTheSameSubmitter(String kind) throws Exception {
        TestStores store = new TestStores(kind, data);
        try (Database db = store.open()) {
            SubmissionRepository repo = new SubmissionRepository(db);
            StoredSubmission s = repo.insert(SubmissionKind.GRADE, "e", "bob", FILES, null, "k", "lms-a");
            assertEquals(
                    s.id(),
                    repo.findByIdempotencyKey("lms-a", "k").orElseThrow().id());
            assertEquals(Optional.empty(), repo.findByIdempotencyKey("lms-b", "k"));
            assertEquals(Optional.empty(), repo.findByIdempotencyKey("lms-a", "other"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void finish_marksDone_keepsResult_andLeavesUnfinished(String kind) throws Exception {
        TestStores store = new TestStores(kind, data);
        try (Database db = store.open()) {
            SubmissionRepository repo = new SubmissionRepository(db);
            StoredSubmission graded = repo.insert(SubmissionKind.GRADE, "e", "carol", FILES, null, null, "lms");
            StoredSubmission scratch =
                    repo.insert(SubmissionKind.RUN, "e", "carol", FILES, null, null, "student:carol");
            StoredSubmission waiting = repo.insert(SubmissionKind.GRADE, "e", "dave", FILES, null, null, "lms");
            repo.updateStatus(graded.id(), "running");
            assertEquals("running", repo.find(graded.id()).orElseThrow().status());

            repo.finish(graded.id(), "{\"score\":3}", 3, 5, "graded");
            repo.finishRun(scratch.id(), "{\"runs\":[]}");

            StoredSubmission done = repo.find(graded.id()).orElseThrow();
            assertEquals("done", done.status());
            assertEquals("{\"score\":3}", done.resultJson());
            assertTrue(done.finishedAt() != null && !done.finishedAt().isEmpty());
            assertEquals("{\"runs\":[]}", repo.find(scratch.id()).orElseThrow().resultJson());
            assertEquals(
                    List.of(waiting.id()),
                    repo.unfinished().stream().map(StoredSubmission::id).toList());
            // Scratch runs are not counted: the graded one by its grade status, the waiting one by its status.
            assertEquals(Map.of("graded", 1L, "queued", 1L), repo.countByStatus());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void history_newestFirst_filteredByStudentAndExercise_withoutScratchRuns(String kind) throws Exception {
        TestStores store = new TestStores(kind, data);
        try (Database db = store.open()) {
            SubmissionRepository repo = new SubmissionRepository(db);
            String a1 = repo.insert(SubmissionKind.GRADE, "x", "ann", FILES, null, null, "lms")
                    .id();
            Thread.sleep(5);
            repo.insert(SubmissionKind.RUN, "x", "ann", FILES, null, null, "student:ann");
            Thread.sleep(5);
            String a2 = repo.insert(SubmissionKind.GRADE, "y", "ann", FILES, null, null, "lms")
                    .id();
            Thread.sleep(5);
            String b1 = repo.insert(SubmissionKind.GRADE, "x", "ben", FILES, null, null, "lms")
                    .id();
            Thread.sleep(5);
            String a3 = repo.insert(SubmissionKind.GRADE, "x", "ann", FILES, null, null, "lms")
                    .id();

            assertEquals(List.of(a3, a2, a1), ids(repo.history("ann", null, 10)));
            assertEquals(List.of(a3, a1), ids(repo.history("ann", "x", 10)));
            assertEquals(List.of(a3, b1), ids(repo.history(null, "x", 2)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void sessions_mapTokenHashToStudent(String kind) throws Exception {
        TestStores store = new TestStores(kind, data);
        try (Database db = store.open()) {
            SubmissionRepository repo = new SubmissionRepository(db);
            var session = new SubmissionRepository.StoredSession(
                    "erin", "student", "Erin", java.time.Instant.now().plusSeconds(60));
            repo.insertSession("a".repeat(64), session);
            assertEquals(
                    Optional.of("erin"), repo.session("a".repeat(64)).map(SubmissionRepository.StoredSession::subject));
            assertEquals(Optional.empty(), repo.session("b".repeat(64)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestStores.SQLITE, TestStores.POSTGRESQL})
    void webhookDelivery_isOneRowPerSubmission_updatedByEachAttempt(String kind) throws Exception {
        TestStores store = new TestStores(kind, data);
        try (Database db = store.open()) {
            SubmissionRepository repo = new SubmissionRepository(db);
            String id = repo.insert(SubmissionKind.GRADE, "e", "finn", FILES, "http://lms/hook", null, "lms")
                    .id();
            repo.recordDelivery(id, "http://lms/hook", 1, false, "HTTP 500", "2026-01-01T00:00:05Z");
            repo.recordDelivery(id, "http://lms/hook", 2, true, null, null);
            db.call(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT attempts, delivered, last_error"
                        + " FROM webhook_deliveries WHERE submission_id = ?")) {
                    s.setString(1, id);
                    try (ResultSet r = s.executeQuery()) {
                        assertTrue(r.next());
                        assertEquals(2, r.getInt(1));
                        assertEquals(1, r.getInt(2));
                        assertNull(r.getString(3));
                        assertTrue(!r.next(), "one row per submission");
                    }
                }
                return null;
            });
        }
    }

    private static List<String> ids(List<StoredSubmission> list) {
        return list.stream().map(StoredSubmission::id).toList();
    }
}
