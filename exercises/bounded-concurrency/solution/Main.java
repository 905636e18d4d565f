import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

public class Main {

    // One task: prints its start, waits, prints its end.
    static void work(int i, long millis) throws InterruptedException {
        System.out.println("start " + i);
        Thread.sleep(millis);
        System.out.println("end " + i);
    }

    public static void main(String[] args) throws InterruptedException {
        int tasks = Integer.parseInt(args[0]);
        int limit = Integer.parseInt(args[1]);
        long millis = Long.parseLong(args[2]);

        // BEGIN SOLUTION
        // STARTER: for (int i = 1; i <= tasks; i++) {
        // STARTER:     work(i, millis); // one after another: run them concurrently, at most limit at once
        // STARTER: }
        Semaphore permits = new Semaphore(limit);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 1; i <= tasks; i++) {
                int task = i;
                executor.submit(() -> {
                    permits.acquire();
                    try {
                        work(task, millis);
                    } finally {
                        permits.release();
                    }
                    return null;
                });
            }
        } // close() waits for all tasks
        // END SOLUTION

        System.out.println("Done: " + tasks + " tasks");
    }
}
