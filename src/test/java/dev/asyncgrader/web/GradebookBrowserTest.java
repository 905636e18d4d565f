package dev.asyncgrader.web;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructor's gradebook in real headless Chromium against a real server: src/test/browser/gradebook.test.mjs
 * grades three students on two quick exercises through the LMS API, signs in with an instructor key, reads the
 * gradebook, downloads the CSV and compares it with the API, re-grades an exercise watching its progress, and
 * shows that a student session cannot open the gradebook.
 */
class GradebookBrowserTest {
    @Test
    void instructorReadsExportsAndRegradesAGradebookOfThreeStudentsAndTwoExercises(@TempDir Path dir) throws Exception {
        BrowserScripts.run(dir, "gradebook.test.mjs", BrowserScripts.LMS_KEY, BrowserScripts.INSTRUCTOR_KEY);
    }
}
