import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

// Mistake: starts every task at once and ignores the limit.
public class Main {
    public static void main(String[] args) {
        int tasks = Integer.parseInt(args[0]);
        long millis = Long.parseLong(args[2]);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 1; i <= tasks; i++) {
                int task = i;
                executor.submit(() -> {
                    System.out.println("start " + task);
                    Thread.sleep(millis);
                    System.out.println("end " + task);
                    return null;
                });
            }
        }
        System.out.println("Done: " + tasks + " tasks");
    }
}
