package dev.asyncgrader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradebook CSVs: each layout as its LMS import reads it; fields quoted where needed, never read as a formula. */
class GradebookCsvTest {
    @Test
    void textStartingLikeAFormulaIsKeptAsText() {
        assertEquals("'=HYPERLINK(1)", GradebookCsv.field("=HYPERLINK(1)"));
        assertEquals("'+carol", GradebookCsv.field("+carol"));
        assertEquals("'-x", GradebookCsv.field("-x"));
        assertEquals("'@sum", GradebookCsv.field("@sum"));
        assertEquals("'\tx", GradebookCsv.field("\tx"));
    }

    @Test
    void numbersAndPlainTextStayAsTheyAre() {
        assertEquals("-1.5", GradebookCsv.field("-1.5"));
        assertEquals("alice", GradebookCsv.field("alice"));
        assertEquals("Zoë", GradebookCsv.field("Zoë"));
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertEquals("\"a,b\"", GradebookCsv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", GradebookCsv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", GradebookCsv.field("two\nlines"));
    }

    @Test
    void scoresHaveNoNeedlessDecimals() {
        assertEquals("14", GradebookCsv.number(14.0));
        assertEquals("7.50", GradebookCsv.number(7.5));
    }

    private static final List<GradebookCsv.Column> COLUMNS = List.of(
            new GradebookCsv.Column("finish-order", "Finish order", 12),
            new GradebookCsv.Column("concurrent-fetch", "Fetch users, concurrently", 14));

    private static final List<GradebookCsv.Row> ROWS = List.of(
            new GradebookCsv.Row("zoë", Arrays.asList(12.0, 7.5)),
            new GradebookCsv.Row("=cmd|' /C calc'!A0", Arrays.asList(null, 0.0)));

    @Test
    void generic_studentThenOneColumnPerExerciseId_utf8WithByteOrderMark() {
        assertEquals(
                "\uFEFFstudent,finish-order,concurrent-fetch\r\n" + "zoë,12,7.50\r\n" + "'=cmd|' /C calc'!A0,,0\r\n",
                GradebookCsv.render(CsvLayout.GENERIC, COLUMNS, ROWS));
    }

    @Test
    void canvas_identityColumnsThenAssignments_andAPointsPossibleRow() {
        assertEquals(
                "\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section,Finish order (finish-order),"
                        + "\"Fetch users, concurrently (concurrent-fetch)\"\r\n"
                        + "Points Possible,,,,,12,14\r\n"
                        + "zoë,,,zoë,,12,7.50\r\n"
                        + "'=cmd|' /C calc'!A0,,,'=cmd|' /C calc'!A0,,,0\r\n",
                GradebookCsv.render(CsvLayout.CANVAS, COLUMNS, ROWS));
    }

    @Test
    void moodle_usernameThenOneGradeColumnPerExercise() {
        assertEquals(
                "\uFEFFUsername,Finish order,\"Fetch users, concurrently\"\r\n"
                        + "zoë,12,7.50\r\n"
                        + "'=cmd|' /C calc'!A0,,0\r\n",
                GradebookCsv.render(CsvLayout.MOODLE, COLUMNS, ROWS));
    }

    @Test
    void layoutsAreNamedAsOnTheCommandLine() {
        assertEquals(CsvLayout.CANVAS, CsvLayout.of("canvas"));
        assertEquals(CsvLayout.MOODLE, CsvLayout.of("moodle"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvLayout.of("excel"));
        assertEquals("Unknown CSV layout 'excel'; use one of generic, canvas, moodle.", e.getMessage());
    }
}
