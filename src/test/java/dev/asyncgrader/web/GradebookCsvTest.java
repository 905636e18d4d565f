package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** CSV fields of the gradebook export: quoted where needed, and never read as a formula by a spreadsheet. */
class GradebookCsvTest {
    @Test
    void textStartingLikeAFormulaIsKeptAsText() {
        assertEquals("'=HYPERLINK(1)", InstructorRoutes.csvField("=HYPERLINK(1)"));
        assertEquals("'+carol", InstructorRoutes.csvField("+carol"));
        assertEquals("'-x", InstructorRoutes.csvField("-x"));
        assertEquals("'@sum", InstructorRoutes.csvField("@sum"));
        assertEquals("'\tx", InstructorRoutes.csvField("\tx"));
    }

    @Test
    void numbersAndPlainTextStayAsTheyAre() {
        assertEquals("-1.5", InstructorRoutes.csvField("-1.5"));
        assertEquals("alice", InstructorRoutes.csvField("alice"));
        assertEquals("Zoë", InstructorRoutes.csvField("Zoë"));
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertEquals("\"a,b\"", InstructorRoutes.csvField("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", InstructorRoutes.csvField("say \"hi\""));
        assertEquals("\"two\nlines\"", InstructorRoutes.csvField("two\nlines"));
    }

    @Test
    void scoresHaveNoNeedlessDecimals() {
        assertEquals("14", InstructorRoutes.number(14.0));
        assertEquals("7.50", InstructorRoutes.number(7.5));
    }
}
