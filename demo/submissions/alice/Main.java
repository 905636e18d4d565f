import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

// Correct: one virtual thread per task, all waiting at the same time.
public class Main {
    public static void main(String[] args) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<?>[] all = Arrays.stream(args)
                    .map(a -> a.split(":"))
                    .map(t -> CompletableFuture.runAsync(() -> {
                        System.out.println(t[0] + " started");
                        try {
                            Thread.sleep((long) (Double.parseDouble(t[1]) * 1000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        System.out.println(t[0] + " finished after " + t[1] + "s");
                    }, pool))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(all).join();
        }
    }
}
