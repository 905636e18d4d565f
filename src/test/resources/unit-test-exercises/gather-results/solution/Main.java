import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Main {
    static List<String> gather(List<Integer> ns, int fail) {
        // BEGIN SOLUTION
        // STARTER: return List.of();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String>> futures = ns.stream()
                    .map(n -> CompletableFuture.supplyAsync(() -> task(n, fail), pool)
                            .exceptionally(e -> "failed: " + n))
                    .toList();
            return futures.stream().map(CompletableFuture::join).toList();
        }
        // END SOLUTION
    }

    static String task(int n, int fail) {
        try {
            Thread.sleep(n * 100L);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (n == fail) {
            throw new IllegalArgumentException("Failed on " + n);
        }
        return Integer.toString(n * 10);
    }

    public static void main(String[] args) {
        System.out.println(gather(List.of(1, 2, 3), 2));
    }
}
