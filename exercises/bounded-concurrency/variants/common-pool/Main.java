import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

// Mistake: the semaphore is right, but runAsync without an executor runs the blocking tasks on
// the common pool, which has only CPU count - 1 threads: far fewer run at once than allowed.
public class Main {
    public static void main(String[] args) {
        int tasks = Integer.parseInt(args[0]);
        int limit = Integer.parseInt(args[1]);
        long millis = Long.parseLong(args[2]);
        Semaphore permits = new Semaphore(limit);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 1; i <= tasks; i++) {
            int task = i;
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    permits.acquire();
                    try {
                        System.out.println("start " + task);
                        Thread.sleep(millis);
                        System.out.println("end " + task);
                    } finally {
                        permits.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        System.out.println("Done: " + tasks + " tasks");
    }
}
