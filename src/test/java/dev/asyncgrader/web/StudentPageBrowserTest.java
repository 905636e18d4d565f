package dev.asyncgrader.web;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The student page in real headless Chromium against a real server (src/test/browser/student.test.mjs). */
class StudentPageBrowserTest {
    @Test
    void stopEndsARunningProgramAndThePageFitsAPhone(@TempDir Path dir) throws Exception {
        BrowserScripts.run(dir, "student.test.mjs", "stop-and-phone");
    }

    /** Needs the grading core that sends each check as soon as its run is done, with "run i of n" progress. */
    @Test
    void checksArriveBeforeTheScore(@TempDir Path dir) throws Exception {
        BrowserScripts.run(dir, "student.test.mjs", "live-checks");
    }
}
