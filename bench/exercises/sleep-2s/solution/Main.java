import java.nio.file.Files;
import java.nio.file.Path;

public class Main {
    public static void main(String[] args) throws Exception {
        System.out.println("start");
        Thread.sleep(2000);
        System.out.println("end");
        // Peak resident memory of this JVM, for the benchmark's report (read by the grader from stderr).
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                System.err.println(line);
            }
        }
    }
}
