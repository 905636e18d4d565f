import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Main {

    // One task: announces its start, waits, announces its end.
    static void task(String name, String seconds) {
        // BEGIN SOLUTION
        // STARTER: // print "<NAME> started", wait SECONDS, print "<NAME> finished after <SECONDS>s"
        System.out.println(name + " started");
        try {
            Thread.sleep(Math.round(Double.parseDouble(seconds) * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        System.out.println(name + " finished after " + seconds + "s");
        // END SOLUTION
    }

    // Runs every task, each given as "NAME:SECONDS" like a command-line argument, all at the same
    // time, and returns only when all of them have finished.
    static void runAll(List<String> arguments) {
        List<String[]> tasks = new ArrayList<>();
        for (String arg : arguments) {
            String[] parts = arg.split(":", 2);   // "A:3" -> ["A", "3"]
            tasks.add(parts);
        }

        // BEGIN SOLUTION
        // STARTER: // run task(name, seconds) for every element of tasks, all at the same time
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String[] t : tasks) {
                executor.submit(() -> task(t[0], t[1]));
            }
        } // close() waits until every task has finished
        // END SOLUTION
    }

    public static void main(String[] args) {
        runAll(List.of(args));
    }
}
