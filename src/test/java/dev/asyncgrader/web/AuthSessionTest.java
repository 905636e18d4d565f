package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.config.Sha256;
import dev.asyncgrader.store.Database;
import dev.asyncgrader.store.SubmissionRepository;
import dev.asyncgrader.store.SubmissionRepository.StoredSession;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthSessionTest {
    @TempDir
    Path data;

    private Database db;
    private SubmissionRepository repository;
    private Auth auth;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(data);
        repository = new SubmissionRepository(db);
        auth = new Auth(Map.of(), "lms-secret", repository);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void studentSession_seesOnlyOwnWork() throws Exception {
        Principal who = auth.requireToken(auth.openSession("alice", Principal.Role.STUDENT, "Alice A."));
        assertEquals(Principal.Role.STUDENT, who.role());
        assertEquals("alice", who.student());
        assertEquals("Alice A.", who.displayName());
        assertTrue(who.mayAccess("alice"));
        assertFalse(who.mayAccess("bob"));
        assertFalse(who.seesAll());
    }

    @Test
    void instructorSession_seesEveryStudentButIsNoLmsKey() throws Exception {
        Principal who = auth.requireToken(auth.openSession("prof", Principal.Role.INSTRUCTOR, "Prof. P"));
        assertEquals(Principal.Role.INSTRUCTOR, who.role());
        assertTrue(who.mayAccess("alice"));
        assertTrue(who.seesAll());
        assertFalse(who.isLms());
    }

    @Test
    void lmsKey_isTheLmsRole() throws Exception {
        Principal who = auth.requireToken("lms-secret");
        assertTrue(who.isLms());
        assertTrue(who.seesAll());
    }

    @Test
    void expiredSession_isRefused() throws Exception {
        repository.insertSession(
                Sha256.hex("st_old"),
                new StoredSession("alice", "student", null, Instant.now().minusSeconds(1)));
        assertThrows(ApiError.class, () -> auth.requireToken("st_old"));
    }

    @Test
    void closedSession_isRefused() throws Exception {
        String token = auth.openSession("alice", Principal.Role.STUDENT, "alice");
        auth.closeSession(token);
        assertThrows(ApiError.class, () -> auth.requireToken(token));
    }
}
