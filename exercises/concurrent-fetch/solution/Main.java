import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Main {

    // Simulated network request: announces itself, waits, then returns the user.
    static String fetchUser(String id, long millis) {
        System.out.println("Fetching user " + id + "...");
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "User " + id;
    }

    // Fetches every user at the same time (each fetch waits millis) and returns, once all fetches are
    // done, one result per id in the order of ids.
    static List<String> fetchAll(List<String> ids, long millis) {
        // BEGIN SOLUTION
        // STARTER: List<String> users = new ArrayList<>(); // fill it with one result per id, in the order of ids
        // STARTER: return users;
        List<String> users = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String>> fetches = new ArrayList<>();
            for (String id : ids) {
                fetches.add(CompletableFuture.supplyAsync(() -> fetchUser(id, millis), executor));
            }
            CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).join();
            for (CompletableFuture<String> fetch : fetches) {
                users.add(fetch.join());
            }
        }
        return users;
        // END SOLUTION
    }

    public static void main(String[] args) {
        long millis = Math.round(Double.parseDouble(args[0]) * 1000);
        List<String> ids = List.of(args).subList(1, args.length);
        long start = System.nanoTime();

        List<String> users = fetchAll(ids, millis);

        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT, "Done in %.1fs", seconds));
        for (String user : users) {
            System.out.println(user);
        }
    }
}
