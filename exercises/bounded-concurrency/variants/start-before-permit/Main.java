import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

// Mistake: prints "start" before taking a permit, so every task reports it has started at once,
// though only LIMIT of them wait at a time.
public class Main {
    public static void main(String[] args) {
        int tasks = Integer.parseInt(args[0]);
        int limit = Integer.parseInt(args[1]);
        long millis = Long.parseLong(args[2]);
        Semaphore permits = new Semaphore(limit);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 1; i <= tasks; i++) {
                int task = i;
                executor.submit(() -> {
                    System.out.println("start " + task);
                    permits.acquire();
                    try {
                        Thread.sleep(millis);
                        System.out.println("end " + task);
                    } finally {
                        permits.release();
                    }
                    return null;
                });
            }
        }
        System.out.println("Done: " + tasks + " tasks");
    }
}
