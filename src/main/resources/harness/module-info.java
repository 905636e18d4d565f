/**
 * The test harness that runs hidden JUnit tests inside a student's JVM. A named module that exports and
 * opens nothing, so code on the class path (the student's) cannot reach its state, not even by reflection.
 */
module dev.asyncgrader.harness {
    requires org.junit.platform.launcher;
}
